using System.Text.Json;
using OneNetStudio.Core.Topics;
using OneNetStudio.Simulator;

namespace OneNetStudio.Tests;

/// <summary>Desired values over HTTP: one store with the MQTT desired sets, versions as the platform keeps them, version-checked deletes.</summary>
public class SimulatorHttpDesiredTests() : SimulatorApiTest(new SimulatorOptions { DeviceCount = 3, Seed = 14, ReportInterval = TimeSpan.FromHours(1) })
{
    private Task<ApiAnswer> PostAsync(string action, string device, object? parameters)
    {
        var body = new Dictionary<string, object?> { ["product_id"] = Product, ["device_name"] = device };
        if (parameters is not null)
        {
            body["params"] = parameters;
        }
        return Api.PostAsync(action, body);
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    private async Task<JsonElement> DesiredAsync(string device, params string[] names) =>
        (await PostAsync("QueryDeviceDesiredProperty", device, names.Length == 0 ? null : names)).Ok().GetProperty("params");

    [Fact]
    public async Task DesiredSets_AreVersionedPerProperty_FromOne()
    {
        Assert.Equal(JsonValueKind.Null, (await PostAsync("SetDeviceDesiredProperty", "device0001", Json("""{"reportInterval":30,"mode":1}"""))).Ok().ValueKind);
        (await PostAsync("SetDeviceDesiredProperty", "device0001", Json("""{"reportInterval":45}"""))).Ok();
        var desired = await DesiredAsync("device0001");
        Assert.Equal(45, desired.GetProperty("reportInterval").GetProperty("value").GetInt32());
        Assert.Equal("2", desired.GetProperty("reportInterval").GetProperty("version").GetString());
        Assert.Equal(1, desired.GetProperty("mode").GetProperty("value").GetInt32());
        Assert.Equal("1", desired.GetProperty("mode").GetProperty("version").GetString());
    }

    [Fact]
    public async Task DesiredValues_AreTheOnesTheMqttSideStores_AndTheOtherWayRound()
    {
        await using var client = await RawClient.ConnectUserAsync(Simulator);
        var reply = OneNetTopics.Build(Product, "device0002", TopicKind.SetReply);
        await client.SubscribeAsync(reply);
        await client.PublishAsync(OneNetTopics.Build(Product, "device0002", TopicKind.DesiredSet), """{"requestId":"d1","data":{"params":{"switch":true,"location":{"lng":1.5,"lat":2.5}}}}""");
        await client.NextAsync(reply);
        (await PostAsync("SetDeviceDesiredProperty", "device0002", Json("""{"switch":false}"""))).Ok();
        var desired = await DesiredAsync("device0002");
        Assert.False(desired.GetProperty("switch").GetProperty("value").GetBoolean());
        Assert.Equal("2", desired.GetProperty("switch").GetProperty("version").GetString());
        Assert.Equal(2.5, desired.GetProperty("location").GetProperty("value").GetProperty("lat").GetDouble());
        Assert.Equal(2, Simulator.Fleet.Find(Product, "device0002")!.GetDesiredValues()["switch"].Version);

        var latest = (await Api.GetAsync("QueryDeviceProperty", ("product_id", Product), ("device_name", "device0002"))).Ok()
            .GetProperty("list").EnumerateArray().ToDictionary(p => p.GetProperty("identifier").GetString()!);
        Assert.Equal("false", latest["switch"].GetProperty("expect_value").GetString());
        Assert.Equal("""{"lng":1.5,"lat":2.5}""", latest["location"].GetProperty("expect_value").GetString());
        Assert.False(latest["humidity"].TryGetProperty("expect_value", out _));
    }

    [Fact]
    public async Task QueryDesired_ForSomeProperties_GivesOnlyThoseThatHaveOne()
    {
        (await PostAsync("SetDeviceDesiredProperty", "device0001", Json("""{"reportInterval":30,"label":"north"}"""))).Ok();
        var desired = await DesiredAsync("device0001", "label", "humidity");
        Assert.Equal(["label"], desired.EnumerateObject().Select(p => p.Name));
        Assert.Equal("north", desired.GetProperty("label").GetProperty("value").GetString());
        Assert.Empty((await DesiredAsync("device0003")).EnumerateObject());
        (await PostAsync("QueryDeviceDesiredProperty", "device0001", new[] { "colour" })).Fails("invalidParameter");
    }

    [Fact]
    public async Task DesiredSet_OfAnOfflineDevice_IsStored_ButNotOfAReadOnlyOrUnknownProperty()
    {
        await Simulator.SetDeviceOnlineAsync(Product, "device0003", online: false);
        (await PostAsync("SetDeviceDesiredProperty", "device0003", Json("""{"humidity":40}"""))).Ok();
        (await PostAsync("SetDeviceDesiredProperty", "device0003", Json("""{"firmwareVersion":"2.0"}"""))).Fails("invalidParameter");
        (await PostAsync("SetDeviceDesiredProperty", "device0003", Json("""{"colour":"red"}"""))).Fails("invalidParameter");
        (await PostAsync("SetDeviceDesiredProperty", "device0003", Json("""{"humidity":"forty"}"""))).Fails("invalidParameter");
        (await PostAsync("SetDeviceDesiredProperty", "device0003", Json("{}"))).Fails("invalidParameter");
        Assert.Equal(["humidity"], Simulator.Fleet.Find(Product, "device0003")!.GetDesiredValues().Keys);
    }

    [Fact]
    public async Task Delete_WithAStaleVersion_IsRefused_AndDeletesNothing()
    {
        (await PostAsync("SetDeviceDesiredProperty", "device0001", Json("""{"switch":true,"mode":2}"""))).Ok();
        (await PostAsync("SetDeviceDesiredProperty", "device0001", Json("""{"switch":false}"""))).Ok();
        var stale = await PostAsync("DeleteDeviceDesiredProperty", "device0001", Json("""{"mode":{},"switch":{"version":1}}"""));
        stale.Fails("deleteDesiredPeropertyFailed");
        Assert.Contains("version 2", stale.Message);
        Assert.Equal(["switch", "mode"], (await DesiredAsync("device0001")).EnumerateObject().Select(p => p.Name));

        (await PostAsync("DeleteDeviceDesiredProperty", "device0001", Json("""{"switch":{"version":"2"},"mode":{}}"""))).Ok();
        Assert.Empty((await DesiredAsync("device0001")).EnumerateObject());
    }

    [Fact]
    public async Task Delete_WithoutVersion_DeletesWhateverIsThere_AndVersionsGoOnAfterwards()
    {
        (await PostAsync("SetDeviceDesiredProperty", "device0002", Json("""{"humidity":40}"""))).Ok();
        (await PostAsync("DeleteDeviceDesiredProperty", "device0002", Json("""{"humidity":{},"label":{}}"""))).Ok();
        Assert.Empty((await DesiredAsync("device0002")).EnumerateObject());
        (await PostAsync("DeleteDeviceDesiredProperty", "device0002", Json("""{"humidity":{"version":1}}"""))).Fails("deleteDesiredPeropertyFailed");
        (await PostAsync("SetDeviceDesiredProperty", "device0002", Json("""{"humidity":41}"""))).Ok();
        Assert.Equal("2", (await DesiredAsync("device0002")).GetProperty("humidity").GetProperty("version").GetString());
    }

    [Theory]
    [InlineData("""{"colour":{}}""")]
    [InlineData("""{"humidity":1}""")]
    [InlineData("""{"humidity":{"version":"one"}}""")]
    [InlineData("""{"humidity":{"version":0}}""")]
    [InlineData("{}")]
    public async Task Delete_WithMalformedParams_IsInvalidParameter(string parameters) =>
        (await PostAsync("DeleteDeviceDesiredProperty", "device0001", Json(parameters))).Fails("invalidParameter");
}
