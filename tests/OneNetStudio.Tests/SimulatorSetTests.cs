using System.Text.Json;
using OneNetStudio.Core.Topics;
using OneNetStudio.Simulator;

namespace OneNetStudio.Tests;

public class SimulatorSetTests() : SimulatorTest(new SimulatorOptions { DeviceCount = 3, Seed = 3, ReportInterval = TimeSpan.FromHours(1) })
{
    private RawClient _client = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _client = Closed(await RawClient.ConnectUserAsync(Simulator));
    }

    private string Product => Simulator.Fleet.ProductIds.Single();

    private async Task<JsonElement> SetAsync(string device, string paramsJson, TopicKind kind = TopicKind.PropertySet, string requestId = "0123456789abcdef0123456789abcdef")
    {
        var reply = OneNetTopics.Build(Product, device, TopicKind.SetReply);
        await _client.SubscribeAsync(reply);
        await _client.PublishAsync(OneNetTopics.Build(Product, device, kind), $$$"""{"requestId":"{{{requestId}}}","data":{"version":"1.0","params":{{{paramsJson}}}}}""");
        var json = JsonDocument.Parse(await _client.NextAsync(reply)).RootElement;
        Assert.Equal(requestId, json.GetProperty("requestId").GetString());
        return json;
    }

    private static void AssertFailure(JsonElement reply, string code)
    {
        Assert.False(reply.GetProperty("success").GetBoolean());
        Assert.Equal(code, reply.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(reply.GetProperty("msg").GetString()));
    }

    [Fact]
    public async Task Success_RepliesThenReportsTheNewValues()
    {
        var property = OneNetTopics.Build(Product, "device0001", TopicKind.Property);
        await _client.SubscribeAsync(property);
        var reply = await SetAsync("device0001", """{"temperature":30.5,"Power":"off","switch":true,"humidity":70}""");
        Assert.True(reply.GetProperty("success").GetBoolean());
        Assert.False(reply.TryGetProperty("code", out _));
        var report = JsonDocument.Parse(await _client.NextAsync(property)).RootElement;
        Assert.Equal("notify", report.GetProperty("messageType").GetString());
        Assert.Equal("property", report.GetProperty("notifyType").GetString());
        var values = report.GetProperty("data").GetProperty("params");
        Assert.Equal(30.5, values.GetProperty("temperature").GetProperty("value").GetDouble());
        Assert.Equal("off", values.GetProperty("Power").GetProperty("value").GetString());
        Assert.True(values.GetProperty("switch").GetProperty("value").GetBoolean());
        var device = Simulator.Fleet.Find(Product, "device0001")!;
        Assert.Equal(30.5, device.GetValues()["temperature"]);
        Assert.Equal(1, Simulator.Counters.SetsReceived);
        Assert.Equal(1, Simulator.Counters.SetsAnswered);
    }

    [Fact]
    public async Task UnknownDevice_RepliesDeviceNotFound() =>
        AssertFailure(await SetAsync("nosuchdevice", """{"switch":true}"""), "deviceNotFound");

    [Fact]
    public async Task OfflineDevice_RepliesDeviceNotOnline()
    {
        await Simulator.SetDeviceOnlineAsync(Product, "device0002", online: false);
        AssertFailure(await SetAsync("device0002", """{"switch":true}"""), "deviceNotOnline");
    }

    [Fact]
    public async Task UnknownIdentifier_RepliesIdentifierNotExist() =>
        AssertFailure(await SetAsync("device0001", """{"colour":"red"}"""), "identifierNotExist");

    [Theory]
    [InlineData("""{"temperature":"hot"}""")]
    [InlineData("""{"humidity":50.5}""")]
    [InlineData("""{"switch":1}""")]
    [InlineData("""{"Power":"maybe"}""")]
    [InlineData("""{"humidity":500}""")]
    [InlineData("""{"mode":7}""")]
    [InlineData("""{"installedAt":"yesterday"}""")]
    [InlineData("""{"location":{"lng":1}}""")]
    [InlineData("""{"location":{"lng":1,"lat":2,"alt":3}}""")]
    [InlineData("""{"schedule":[1,"two"]}""")]
    [InlineData("""{"schedule":[1,2,3,4,5,6,7,8,9]}""")]
    public async Task WrongType_RepliesDataTypeError(string paramsJson) =>
        AssertFailure(await SetAsync("device0001", paramsJson), "dataTypeError");

    [Fact]
    public async Task StructEnumDateAndArray_AreSetWithTheirJsonTypes()
    {
        var reply = await SetAsync("device0001", """{"mode":2,"installedAt":1720000000000,"location":{"lng":121.47,"lat":31.23},"schedule":[7,19]}""");
        Assert.True(reply.GetProperty("success").GetBoolean());
        var values = Simulator.Fleet.Find(Product, "device0001")!.GetValues();
        Assert.Equal(2L, values["mode"]);
        Assert.Equal(1_720_000_000_000L, values["installedAt"]);
        Assert.Equal(31.23, ((IReadOnlyDictionary<string, object?>)values["location"]!)["lat"]);
        Assert.Equal([7L, 19L], (IReadOnlyList<object?>)values["schedule"]!);
    }

    [Theory]
    [InlineData("firmwareVersion")]
    [InlineData("energy")]
    [InlineData("voltage")]
    [InlineData("faults")]
    public async Task ReadOnlyProperties_AreRefused(string identifier) =>
        AssertFailure(await SetAsync("device0001", $$"""{"{{identifier}}":1}"""), "badRequest");

    [Fact]
    public async Task ReadOnlyProperty_IsRefused()
    {
        AssertFailure(await SetAsync("device0001", """{"firmwareVersion":"9.9"}"""), "badRequest");
        Assert.Equal("1.0.3", Simulator.Fleet.Find(Product, "device0001")!.GetValues()["firmwareVersion"]);
    }

    [Theory]
    [InlineData("this is not json")]
    [InlineData("""{"data":{"params":{"switch":true}}}""")]
    [InlineData("""{"requestId":42,"data":{"params":{"switch":true}}}""")]
    public async Task NoJsonOrNoRequestId_IsCountedAndNotAnswered(string payload)
    {
        var reply = OneNetTopics.Build(Product, "device0001", TopicKind.SetReply);
        await _client.SubscribeAsync(reply);
        await _client.PublishAsync(OneNetTopics.Build(Product, "device0001", TopicKind.PropertySet), payload);
        await Wait.UntilAsync(() => Simulator.Counters.BadRequests == 1);
        Assert.True(await _client.NothingOnAsync(reply, 300));
        Assert.Equal(0, Simulator.Counters.SetsAnswered);
    }

    [Fact]
    public async Task DesiredSet_StoresVersionedValuesAndReplies()
    {
        await Simulator.SetDeviceOnlineAsync(Product, "device0003", online: false);
        Assert.True((await SetAsync("device0003", """{"reportInterval":30}""", TopicKind.DesiredSet, "a1")).GetProperty("success").GetBoolean());
        Assert.True((await SetAsync("device0003", """{"reportInterval":45,"switch":true}""", TopicKind.DesiredSet, "a2")).GetProperty("success").GetBoolean());
        var desired = Simulator.Fleet.Find(Product, "device0003")!.GetDesiredValues();
        Assert.Equal(45L, desired["reportInterval"].Value);
        Assert.Equal(2, desired["reportInterval"].Version);
        Assert.Equal(1, desired["switch"].Version);
        Assert.Equal(2, Simulator.Counters.DesiredSetsReceived);
    }

    [Fact]
    public async Task DesiredSet_WithUnknownIdentifier_Fails() =>
        AssertFailure(await SetAsync("device0001", """{"colour":"red"}""", TopicKind.DesiredSet), "identifierNotExist");
}

public class SimulatorSilentRepliesTests
{
    [Fact]
    public async Task RepliesSwitchedOff_NothingIsAnsweredButDesiredValuesAreStored()
    {
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions { DeviceCount = 1, ReplyToPropertySet = false, ReplyToDesiredSet = false });
        await using var client = await RawClient.ConnectUserAsync(simulator);
        var product = simulator.Fleet.ProductIds.Single();
        var reply = OneNetTopics.Build(product, "device0001", TopicKind.SetReply);
        await client.SubscribeAsync(reply);
        await client.PublishAsync(OneNetTopics.Build(product, "device0001", TopicKind.PropertySet), """{"requestId":"r1","data":{"params":{"switch":true}}}""");
        await client.PublishAsync(OneNetTopics.Build(product, "device0001", TopicKind.DesiredSet), """{"requestId":"r2","data":{"params":{"switch":true}}}""");
        await Wait.UntilAsync(() => simulator.Fleet.Devices[0].GetDesiredValues().Count == 1);
        Assert.True(await client.NothingOnAsync(reply, 300));
        Assert.Equal(0, simulator.Counters.SetsAnswered);
    }
}
