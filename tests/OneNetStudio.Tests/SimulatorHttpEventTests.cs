using System.Globalization;
using System.Text.Json;
using OneNetStudio.Core.Topics;
using OneNetStudio.Simulator;

namespace OneNetStudio.Tests;

/// <summary>QueryDeviceEventHistory: the events the devices raised on the MQTT side, kept by the platform.</summary>
public class SimulatorHttpEventTests() : SimulatorApiTest(new SimulatorOptions { DeviceCount = 2, Seed = 16, ReportInterval = TimeSpan.FromHours(1) })
{
    private Task<ApiAnswer> HistoryAsync(params (string, string)[] more) =>
        Api.GetAsync("QueryDeviceEventHistory", [("product_id", Product), ("device_name", "device0001"), ("start_time", "0"), ("end_time", long.MaxValue.ToString(CultureInfo.InvariantCulture)), .. more]);

    [Fact]
    public async Task Events_AreKeptNewestFirst_WithTheirTypeAndValue()
    {
        await using var watcher = await RawClient.ConnectUserAsync(Simulator);
        var topic = OneNetTopics.Build(Product, "device0001", TopicKind.Event);
        await watcher.SubscribeAsync(topic);
        await Simulator.EmitEventAsync(Product, "device0001", "boot");
        Simulator.Clock.Advance(TimeSpan.FromSeconds(1));
        await Simulator.EmitEventAsync(Product, "device0001", "alarm", new Dictionary<string, object?> { ["level"] = 3L, ["reason"] = "tamper" });
        Simulator.Clock.Advance(TimeSpan.FromSeconds(1));
        await Simulator.EmitEventAsync(Product, "device0001", "sensorFault");
        var pushed = JsonDocument.Parse(await watcher.NextAsync(topic)).RootElement;
        Assert.True(pushed.GetProperty("data").GetProperty("params").TryGetProperty("boot", out _));

        var data = (await HistoryAsync()).Ok();
        var rows = data.GetProperty("list").EnumerateArray().ToList();
        Assert.Equal(["sensorFault", "alarm", "boot"], rows.Select(r => r.GetProperty("identifier").GetString()));
        Assert.Equal([3, 2, 1], rows.Select(r => r.GetProperty("event_type").GetInt32()));
        Assert.Equal("Alarm", rows[1].GetProperty("name").GetString());
        Assert.Equal("""{"level":3,"reason":"tamper"}""", rows[1].GetProperty("value").GetString());
        Assert.Matches("^[0-9]{13}$", rows[1].GetProperty("time").GetString());
        Assert.False(data.GetProperty("meta").TryGetProperty("total", out _));
    }

    [Fact]
    public async Task EventHistory_FiltersByIdentifierTypeAndTime()
    {
        var start = Simulator.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        for (var i = 0; i < 3; i++)
        {
            Simulator.Clock.Advance(TimeSpan.FromSeconds(1));
            await Simulator.EmitEventAsync(Product, "device0001", i == 1 ? "boot" : "alarm");
        }
        Assert.Equal(2, (await HistoryAsync(("identifier", "alarm"))).Ok().GetProperty("list").GetArrayLength());
        Assert.Equal("boot", (await HistoryAsync(("event_type", "1"))).Ok().GetProperty("list").EnumerateArray().Single().GetProperty("identifier").GetString());
        var firstTwo = await Api.GetAsync("QueryDeviceEventHistory", ("product_id", Product), ("device_name", "device0001"),
            ("start_time", start.ToString(CultureInfo.InvariantCulture)), ("end_time", (start + 2500).ToString(CultureInfo.InvariantCulture)));
        Assert.Equal(2, firstTwo.Ok().GetProperty("list").GetArrayLength());
        Assert.Equal(1, (await HistoryAsync(("limit", "1"), ("offset", "2"))).Ok().GetProperty("list").GetArrayLength());
        (await HistoryAsync(("identifier", "nosuchevent"))).Fails("invalidParameter");
        (await HistoryAsync(("event_type", "4"))).Fails("invalidParameter");
    }

    [Fact]
    public async Task EventsRaisedByTheReportLoop_AreKeptToo()
    {
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions { DeviceCount = 1, ReportInterval = TimeSpan.FromMilliseconds(20), EventProbability = 1 });
        await using var watcher = await RawClient.ConnectUserAsync(simulator);
        var device = simulator.Fleet.Devices[0];
        await watcher.SubscribeAsync(device.EventTopic);
        await watcher.NextAsync(device.EventTopic);
        Assert.NotEmpty(device.GetEventHistory());
        Assert.Equal("alarm", device.GetEventHistory()[0].Definition.Identifier);
    }

    [Fact]
    public async Task AnOfflineDevice_RaisesNoEvent()
    {
        await Simulator.SetDeviceOnlineAsync(Product, "device0002", online: false);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Simulator.EmitEventAsync(Product, "device0002", "alarm"));
        await Assert.ThrowsAsync<ArgumentException>(() => Simulator.EmitEventAsync(Product, "device0001", "nosuchevent"));
    }
}
