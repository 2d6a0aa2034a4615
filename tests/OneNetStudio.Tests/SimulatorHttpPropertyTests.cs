using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using OneNetStudio.Core.Topics;
using OneNetStudio.Simulator;

namespace OneNetStudio.Tests;

/// <summary>The thing model, latest values, live reads, history and sets over HTTP, from the same devices the MQTT side runs.</summary>
public class SimulatorHttpPropertyTests() : SimulatorApiTest(new SimulatorOptions { DeviceCount = 4, Seed = 13, ReportInterval = TimeSpan.FromHours(1), DeviceReplyTimeout = TimeSpan.FromMilliseconds(300) })
{
    private Task<ApiAnswer> GetAsync(string action, string device, params (string, string)[] more) =>
        Api.GetAsync(action, [("product_id", Product), ("device_name", device), .. more]);

    private Task<ApiAnswer> PostAsync(string action, string device, object parameters) =>
        Api.PostAsync(action, new() { ["product_id"] = Product, ["device_name"] = device, ["params"] = parameters });

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    private async Task<Dictionary<string, JsonElement>> LatestAsync(string device) =>
        (await GetAsync("QueryDeviceProperty", device)).Ok().GetProperty("list").EnumerateArray()
            .ToDictionary(p => p.GetProperty("identifier").GetString()!, p => p);

    [Fact]
    public async Task ThingModel_HasEveryDataType_WithSpecsAsThePlatformWritesThem()
    {
        var data = (await Api.SendAsync(HttpMethod.Get, "common", "QueryThingModel", [("product_id", Product)], null)).Ok();
        var properties = data.GetProperty("properties").EnumerateArray().ToDictionary(p => p.GetProperty("identifier").GetString()!);
        var types = properties.Values.Select(p => p.GetProperty("dataType").GetProperty("type").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "int32", "int64", "float", "double", "enum", "bool", "string", "struct", "bitMap", "date", "array" }, types);

        var humidity = properties["humidity"].GetProperty("dataType").GetProperty("specs");
        Assert.Equal("0", humidity.GetProperty("min").GetString());
        Assert.Equal("100", humidity.GetProperty("max").GetString());
        Assert.Equal("1", humidity.GetProperty("step").GetString());
        Assert.Equal("%", humidity.GetProperty("unit").GetString());
        Assert.Equal("0.1", properties["temperature"].GetProperty("dataType").GetProperty("specs").GetProperty("step").GetString());
        Assert.Equal("9223372036854775807", properties["energy"].GetProperty("dataType").GetProperty("specs").GetProperty("max").GetString());
        Assert.Equal("eco", properties["mode"].GetProperty("dataType").GetProperty("specs").GetProperty("1").GetString());
        Assert.Equal("on", properties["switch"].GetProperty("dataType").GetProperty("specs").GetProperty("true").GetString());
        Assert.Equal("4", properties["faults"].GetProperty("dataType").GetProperty("specs").GetProperty("length").GetString());
        var location = properties["location"].GetProperty("dataType").GetProperty("specs");
        Assert.Equal(["lng", "lat"], location.EnumerateArray().Select(f => f.GetProperty("identifier").GetString()));
        Assert.Equal("double", location[0].GetProperty("dataType").GetProperty("type").GetString());
        var schedule = properties["schedule"].GetProperty("dataType").GetProperty("specs");
        Assert.Equal("int32", schedule.GetProperty("type").GetString());
        Assert.Equal("8", schedule.GetProperty("length").GetString());
        Assert.Equal("r", properties["firmwareVersion"].GetProperty("accessMode").GetString());
        Assert.Equal("rw", properties["label"].GetProperty("accessMode").GetString());

        var events = data.GetProperty("events").EnumerateArray().ToDictionary(e => e.GetProperty("identifier").GetString()!, e => e.GetProperty("eventType").GetString());
        Assert.Equal(new Dictionary<string, string?> { ["alarm"] = "alert", ["boot"] = "info", ["sensorFault"] = "error" }, events);
        Assert.Equal(2, data.GetProperty("events")[0].GetProperty("outputData").GetArrayLength());

        var services = data.GetProperty("services").EnumerateArray().ToDictionary(s => s.GetProperty("identifier").GetString()!);
        Assert.Equal("s", services["calibrate"].GetProperty("callType").GetString());
        Assert.Equal("a", services["upgradeFirmware"].GetProperty("callType").GetString());
        Assert.Equal("offset", services["calibrate"].GetProperty("input")[0].GetProperty("identifier").GetString());
        Assert.Equal(2, services["calibrate"].GetProperty("output").GetArrayLength());
    }

    [Fact]
    public async Task ThingModel_TakesOnlyAProductId()
    {
        (await Api.SendAsync(HttpMethod.Get, "common", "QueryThingModel", [("product_id", "NoSuchProduct")], null)).Fails("productNotFound", ns: "common");
        (await Api.SendAsync(HttpMethod.Get, "common", "QueryThingModel", [], null)).Fails("parameterRequired", ns: "common");
    }

    [Fact]
    public async Task LatestValues_AreJsonEncodedStrings_WithStringTimes()
    {
        var latest = await LatestAsync("device0001");
        var values = Simulator.Fleet.Find(Product, "device0001")!.GetValues();
        Assert.Equal((double)values["temperature"]!, double.Parse(latest["temperature"].GetProperty("value").GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal(values["humidity"]!.ToString(), latest["humidity"].GetProperty("value").GetString());
        Assert.Equal("on", latest["Power"].GetProperty("value").GetString());
        Assert.Equal("false", latest["switch"].GetProperty("value").GetString());
        Assert.Equal("0", latest["mode"].GetProperty("value").GetString());
        Assert.Equal("1700000000000", latest["installedAt"].GetProperty("value").GetString());
        Assert.Equal("[6,12,18,22]", latest["schedule"].GetProperty("value").GetString());
        Assert.Equal(JsonValueKind.Object, Json(latest["location"].GetProperty("value").GetString()!).ValueKind);
        Assert.True(long.Parse(latest["energy"].GetProperty("value").GetString()!, CultureInfo.InvariantCulture) > int.MaxValue);
        var time = long.Parse(latest["temperature"].GetProperty("time").GetString()!, CultureInfo.InvariantCulture);
        Assert.InRange(time, 1_600_000_000_000, Simulator.Clock.GetUtcNow().ToUnixTimeMilliseconds());
        Assert.Equal("float", latest["temperature"].GetProperty("data_type").GetString());
        Assert.Equal("读写", latest["temperature"].GetProperty("access_mode").GetString());
        Assert.Equal("只读", latest["firmwareVersion"].GetProperty("access_mode").GetString());
        Assert.Equal("Temperature", latest["temperature"].GetProperty("name").GetString());
        Assert.True(latest["temperature"].TryGetProperty("description", out _));
    }

    [Fact]
    public async Task NeverReportedProperty_HasTimeZeroAndNoValue()
    {
        var label = (await LatestAsync("device0001"))["label"];
        Assert.Equal("0", label.GetProperty("time").GetString());
        Assert.False(label.TryGetProperty("value", out _));
        Assert.False(label.TryGetProperty("expect_value", out _));
    }

    [Fact]
    public async Task SetDeviceProperty_IsAnsweredByTheDevice_AndReportedOnMqtt()
    {
        await using var watcher = await RawClient.ConnectUserAsync(Simulator);
        var topic = OneNetTopics.Build(Product, "device0002", TopicKind.Property);
        await watcher.SubscribeAsync(topic);
        var data = (await PostAsync("SetDeviceProperty", "device0002", new Dictionary<string, object>
        {
            ["temperature"] = 21.5,
            ["humidity"] = 44,
            ["Power"] = "off",
            ["switch"] = true,
            ["mode"] = 2,
            ["installedAt"] = 1_720_000_000_000L,
            ["location"] = new Dictionary<string, object> { ["lng"] = 121.47, ["lat"] = 31.23 },
            ["schedule"] = new[] { 7, 19 },
            ["label"] = "roof",
        })).Ok();
        Assert.Equal(200, data.GetProperty("code").GetInt32());
        Assert.Equal("success", data.GetProperty("msg").GetString());
        Assert.Matches("^[0-9]{1,13}$", data.GetProperty("id").GetString());

        var report = Json(await watcher.NextAsync(topic)).GetProperty("data").GetProperty("params");
        Assert.Equal(2, report.GetProperty("mode").GetProperty("value").GetInt32());
        Assert.Equal(31.23, report.GetProperty("location").GetProperty("value").GetProperty("lat").GetDouble());
        Assert.Equal([7, 19], report.GetProperty("schedule").GetProperty("value").EnumerateArray().Select(v => v.GetInt32()));

        var latest = await LatestAsync("device0002");
        Assert.Equal("21.5", latest["temperature"].GetProperty("value").GetString());
        Assert.Equal("44", latest["humidity"].GetProperty("value").GetString());
        Assert.Equal("off", latest["Power"].GetProperty("value").GetString());
        Assert.Equal("true", latest["switch"].GetProperty("value").GetString());
        Assert.Equal("2", latest["mode"].GetProperty("value").GetString());
        Assert.Equal("1720000000000", latest["installedAt"].GetProperty("value").GetString());
        Assert.Equal("""{"lng":121.47,"lat":31.23}""", latest["location"].GetProperty("value").GetString());
        Assert.Equal("[7,19]", latest["schedule"].GetProperty("value").GetString());
        Assert.Equal("roof", latest["label"].GetProperty("value").GetString());
        Assert.NotEqual("0", latest["label"].GetProperty("time").GetString());
        Assert.Equal(21.5, Simulator.Fleet.Find(Product, "device0002")!.GetValues()["temperature"]);
    }

    [Theory]
    [InlineData("""{"humidity":50.5}""")]
    [InlineData("""{"humidity":500}""")]
    [InlineData("""{"mode":7}""")]
    [InlineData("""{"switch":1}""")]
    [InlineData("""{"Power":"maybe"}""")]
    [InlineData("""{"location":{"lng":1}}""")]
    [InlineData("""{"location":{"lng":1,"lat":2,"alt":3}}""")]
    [InlineData("""{"schedule":[1,2,3,4,5,6,7,8,9]}""")]
    [InlineData("""{"schedule":[1,"two"]}""")]
    [InlineData("""{"installedAt":-1}""")]
    [InlineData("""{"colour":"red"}""")]
    [InlineData("""{"firmwareVersion":"9.9"}""")]
    [InlineData("""{"energy":1}""")]
    public async Task SetDeviceProperty_WithAValueTheModelRefuses_IsInvalidParameter(string parameters)
    {
        (await PostAsync("SetDeviceProperty", "device0003", Json(parameters))).Fails("invalidParameter");
        Assert.Equal("on", Simulator.Fleet.Find(Product, "device0003")!.GetValues()["Power"]);
    }

    [Fact]
    public async Task SetDeviceProperty_ToAnOfflineDevice_FailsAtOnce()
    {
        await Simulator.SetDeviceOnlineAsync(Product, "device0004", online: false);
        var answer = await PostAsync("SetDeviceProperty", "device0004", new Dictionary<string, object> { ["switch"] = true });
        answer.Fails("setPropertyFailed");
        Assert.Contains("308", answer.Message);
    }

    [Fact]
    public async Task SetDeviceProperty_ToASilentDevice_TimesOut()
    {
        Simulator.SetDeviceSilent(Product, "device0004", silent: true);
        var clock = Stopwatch.StartNew();
        var answer = await PostAsync("SetDeviceProperty", "device0004", new Dictionary<string, object> { ["switch"] = true });
        answer.Fails("setPropertyFailed");
        Assert.Contains("306", answer.Message);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(250), $"answered after {clock.Elapsed}");
        Assert.False((bool)Simulator.Fleet.Find(Product, "device0004")!.GetValues()["switch"]!);
        Simulator.SetDeviceSilent(Product, "device0004", silent: false);
        (await PostAsync("SetDeviceProperty", "device0004", new Dictionary<string, object> { ["switch"] = true })).Ok();
    }

    [Fact]
    public async Task PropertyDetail_IsReadLiveFromTheDevice()
    {
        var device = Simulator.Fleet.Find(Product, "device0001")!;
        device.Apply(new Dictionary<string, object?> { ["humidity"] = 77L }); // changed on the device, not reported yet
        var data = (await PostAsync("QueryDevicePropertyDetail", "device0001", new[] { "humidity", "location", "label" })).Ok();
        Assert.Equal(77, data.GetProperty("humidity").GetInt32());
        Assert.Equal(JsonValueKind.Object, data.GetProperty("location").ValueKind);
        Assert.False(data.TryGetProperty("label", out _)); // the device has no label yet
        Assert.NotEqual("77", (await LatestAsync("device0001"))["humidity"].GetProperty("value").GetString());
        (await PostAsync("QueryDevicePropertyDetail", "device0001", new[] { "colour" })).Fails("invalidParameter");
        (await PostAsync("QueryDevicePropertyDetail", "device0001", Array.Empty<string>())).Fails("invalidParameter");
    }

    [Fact]
    public async Task PropertyDetail_OfAnOfflineOrSilentDevice_Fails()
    {
        await Simulator.SetDeviceOnlineAsync(Product, "device0003", online: false);
        var offline = await PostAsync("QueryDevicePropertyDetail", "device0003", new[] { "humidity" });
        offline.Fails("getTmProperties");
        Assert.Contains("308", offline.Message);
        Simulator.SetDeviceSilent(Product, "device0002", silent: true);
        var silent = await PostAsync("QueryDevicePropertyDetail", "device0002", new[] { "humidity" });
        silent.Fails("getTmProperties");
        Assert.Contains("306", silent.Message);
    }

    [Fact]
    public async Task History_KeepsTheReports_NewestFirstByDefault_InPagesWithoutTotal()
    {
        var start = Simulator.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        for (var i = 0; i < 5; i++)
        {
            Simulator.Clock.Advance(TimeSpan.FromSeconds(1));
            await Simulator.EmitPropertyReportsAsync(1, Product, "device0001");
        }
        var end = Simulator.Clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var expected = Simulator.Fleet.Find(Product, "device0001")!.GetPropertyHistory("humidity").TakeLast(5).ToList();

        var newest = (await GetAsync("QueryDevicePropertyHistory", "device0001", ("identifier", "humidity"), ("start_time", (start + 1).ToString(CultureInfo.InvariantCulture)), ("end_time", end))).Ok();
        var rows = newest.GetProperty("list").EnumerateArray().ToList();
        Assert.Equal(expected.Select(v => v.Value!.ToString()).Reverse(), rows.Select(r => r.GetProperty("value").GetString()));
        Assert.Equal(expected.Select(v => v.TimeMs.ToString(CultureInfo.InvariantCulture)).Reverse(), rows.Select(r => r.GetProperty("time").GetString()));
        Assert.False(newest.GetProperty("meta").TryGetProperty("total", out _));

        var oldestTwo = (await GetAsync("QueryDevicePropertyHistory", "device0001", ("identifier", "humidity"), ("start_time", "0"), ("end_time", end), ("sort", "1"), ("limit", "2"), ("offset", "1"))).Ok();
        var all = Simulator.Fleet.Find(Product, "device0001")!.GetPropertyHistory("humidity");
        Assert.Equal(6, all.Count); // the report the device made when it came online, then five
        Assert.Equal(all.Skip(1).Take(2).Select(v => v.TimeMs.ToString(CultureInfo.InvariantCulture)), oldestTwo.GetProperty("list").EnumerateArray().Select(r => r.GetProperty("time").GetString()));

        var structs = (await GetAsync("QueryDevicePropertyHistory", "device0001", ("identifier", "location"), ("start_time", "0"), ("end_time", end), ("limit", "1"))).Ok();
        Assert.Equal(JsonValueKind.Object, Json(structs.GetProperty("list")[0].GetProperty("value").GetString()!).ValueKind);
    }

    [Fact]
    public async Task History_OfANeverReportedProperty_IsEmpty_AndAnUnknownOneIsRefused()
    {
        var label = (await GetAsync("QueryDevicePropertyHistory", "device0001", ("identifier", "label"), ("start_time", "0"), ("end_time", long.MaxValue.ToString(CultureInfo.InvariantCulture)))).Ok();
        Assert.Equal(0, label.GetProperty("list").GetArrayLength());
        (await GetAsync("QueryDevicePropertyHistory", "device0001", ("identifier", "colour"), ("start_time", "0"), ("end_time", "1"))).Fails("invalidParameter");
        (await GetAsync("QueryDevicePropertyHistory", "device0001", ("start_time", "0"), ("end_time", "1"))).Fails("parameterRequired");
        (await GetAsync("QueryDevicePropertyHistory", "device0001", ("identifier", "humidity"), ("start_time", "0"), ("end_time", "1"), ("sort", "3"))).Fails("invalidParameter");
    }
}
