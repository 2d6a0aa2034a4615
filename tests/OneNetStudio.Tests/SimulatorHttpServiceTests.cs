using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using OneNetStudio.Simulator;

namespace OneNetStudio.Tests;

/// <summary>CallService, synchronous and asynchronous as the thing model says, answered by the simulated device; QueryServiceRecord.</summary>
public class SimulatorHttpServiceTests() : SimulatorApiTest(new SimulatorOptions { DeviceCount = 4, Seed = 15, ReportInterval = TimeSpan.FromHours(1), DeviceReplyTimeout = TimeSpan.FromMilliseconds(300) })
{
    private static Task<ApiAnswer> CallAsync(SimulatorApiCaller api, string product, string device, string service, string input) =>
        api.PostAsync("CallService", new() { ["product_id"] = product, ["device_name"] = device, ["identifier"] = service, ["params"] = JsonDocument.Parse(input).RootElement });

    private Task<ApiAnswer> CallAsync(string device, string service, string input) => CallAsync(Api, Product, device, service, input);

    private Task<ApiAnswer> RecordAsync(string traceId) => Api.GetAsync("QueryServiceRecord", ("trace_id", traceId));

    private static string TraceId(ApiAnswer answer) => answer.Json.GetProperty("requestId").GetString()!;

    [Fact]
    public async Task SynchronousService_AnswersWithTheDevicesOutput()
    {
        var before = (double)Simulator.Fleet.Find(Product, "device0001")!.GetValues()["temperature"]!;
        var answer = await CallAsync("device0001", "calibrate", """{"offset":1.5}""");
        var output = answer.Ok();
        Assert.Equal(1, output.GetProperty("result").GetInt32());
        Assert.Equal(Math.Round(before + 1.5, 1), output.GetProperty("temperature").GetDouble());

        var record = (await RecordAsync(TraceId(answer))).Ok();
        Assert.Equal(200, record.GetProperty("code").GetInt32());
        Assert.Equal(0, record.GetProperty("type").GetInt32());
        Assert.Equal("calibrate", record.GetProperty("identifier").GetString());
        Assert.Equal("Calibrate", record.GetProperty("function_name").GetString());
        Assert.Equal(1.5, JsonDocument.Parse(record.GetProperty("request_body").GetString()!).RootElement.GetProperty("params").GetProperty("input").GetProperty("offset").GetDouble());
        Assert.Equal(1, JsonDocument.Parse(record.GetProperty("response_body").GetString()!).RootElement.GetProperty("result").GetInt32());
        Assert.True(long.Parse(record.GetProperty("response_time").GetString()!) >= long.Parse(record.GetProperty("request_time").GetString()!));
    }

    [Fact]
    public async Task AsynchronousService_ReturnsAtOnce_ThenItsRecordTellsNotYetAndDone()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions { DeviceCount = 1, Clock = clock, ReplyDelay = TimeSpan.FromSeconds(2), ReportInterval = TimeSpan.FromHours(1) });
        using var api = SimulatorApiCaller.ForUser(simulator);
        var product = simulator.Fleet.ProductIds.Single();
        var answer = await CallAsync(api, product, "device0001", "upgradeFirmware", """{"version":"2.0.0"}""");
        Assert.Equal(JsonValueKind.Null, answer.Ok().ValueKind);

        var pending = (await api.GetAsync("QueryServiceRecord", ("trace_id", TraceId(answer)))).Ok();
        Assert.Equal(0, pending.GetProperty("code").GetInt32());
        Assert.Equal(1, pending.GetProperty("type").GetInt32());
        Assert.Equal("0", pending.GetProperty("response_time").GetString());
        Assert.Equal("", pending.GetProperty("response_body").GetString());

        JsonElement done;
        var deadline = Stopwatch.StartNew();
        do
        {
            clock.Advance(TimeSpan.FromMilliseconds(500));
            await Task.Delay(20);
            done = (await api.GetAsync("QueryServiceRecord", ("trace_id", TraceId(answer)))).Ok();
        }
        while (done.GetProperty("code").GetInt32() == 0 && deadline.Elapsed < TimeSpan.FromSeconds(10));
        Assert.Equal(200, done.GetProperty("code").GetInt32());
        Assert.Equal("2.0.0", JsonDocument.Parse(done.GetProperty("response_body").GetString()!).RootElement.GetProperty("version").GetString());
        var device = simulator.Fleet.Devices[0];
        Assert.Equal("2.0.0", device.GetValues()["firmwareVersion"]);
        Assert.Equal("2.0.0", device.GetReported("firmwareVersion")!.Value.Value);
    }

    [Fact]
    public async Task SilentDevice_SynchronousCallTimesOut_AndSaysSo()
    {
        Simulator.SetDeviceSilent(Product, "device0002", silent: true);
        var clock = Stopwatch.StartNew();
        var answer = await CallAsync("device0002", "calibrate", """{"offset":1}""");
        answer.Fails("callTmService");
        Assert.Contains("306", answer.Message);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task SilentDevice_AsynchronousCallsRecordEndsInTimeout()
    {
        Simulator.SetDeviceSilent(Product, "device0002", silent: true);
        var answer = await CallAsync("device0002", "upgradeFirmware", """{"version":"3.0"}""");
        answer.Ok();
        var deadline = Stopwatch.StartNew();
        while ((await RecordAsync(TraceId(answer))).Ok().GetProperty("code").GetInt32() != 306)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(10), "the record never timed out");
            await Task.Delay(50);
        }
        Assert.Equal("1.0.3", Simulator.Fleet.Find(Product, "device0002")!.GetValues()["firmwareVersion"]);
    }

    [Fact]
    public async Task OfflineDevice_FailsAtOnce()
    {
        await Simulator.SetDeviceOnlineAsync(Product, "device0003", online: false);
        var answer = await CallAsync("device0003", "calibrate", """{"offset":1}""");
        answer.Fails("callTmService");
        Assert.Contains("308", answer.Message);
    }

    [Theory]
    [InlineData("reboot", """{}""")]
    [InlineData("calibrate", """{}""")]
    [InlineData("calibrate", """{"offset":"one"}""")]
    [InlineData("calibrate", """{"offset":50}""")]
    [InlineData("calibrate", """{"offset":1,"force":true}""")]
    public async Task UnknownServiceOrBadInput_IsInvalidParameter(string service, string input) =>
        (await CallAsync("device0001", service, input)).Fails("invalidParameter");

    [Fact]
    public async Task Record_OfAnUnknownTraceId_IsInvalidParameter_AndOfAnotherGroupsDevice_IsRefused()
    {
        (await RecordAsync("0123456789abcdef0123456789abcdef")).Fails("invalidParameter");
        (await Api.GetAsync("QueryServiceRecord")).Fails("parameterRequired");
        var outside = Simulator.Fleet.Devices.First(d => !d.InGroup).Name;
        var answer = await CallAsync(outside, "calibrate", """{"offset":0.5}""");
        answer.Ok();
        using var group = SimulatorApiCaller.ForGroup(Simulator);
        (await group.GetAsync("QueryServiceRecord", ("trace_id", TraceId(answer)))).Fails("resourePermissionDeny");
        (await CallAsync(group, Product, outside, "calibrate", """{"offset":0.5}""")).Fails("resourePermissionDeny");
    }
}
