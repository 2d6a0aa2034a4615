using System.Text.Json;
using OneNetStudio.Core.Topics;
using OneNetStudio.Simulator;

namespace OneNetStudio.Tests;

public class SimulatorFleetTests
{
    [Fact]
    public async Task SubscribedDevices_ReportPeriodically_WithDriftingValues()
    {
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions { DeviceCount = 2, ReportInterval = TimeSpan.FromMilliseconds(50), Seed = 4 });
        await using var client = await RawClient.ConnectUserAsync(simulator);
        var topic = simulator.Fleet.Devices[0].PropertyTopic;
        await client.SubscribeAsync(topic);
        var first = JsonDocument.Parse(await client.NextAsync(topic)).RootElement;
        var second = JsonDocument.Parse(await client.NextAsync(topic)).RootElement;
        Assert.Equal(simulator.Fleet.Devices[0].Name, first.GetProperty("deviceName").GetString());
        Assert.NotEqual(first.GetProperty("data").GetProperty("id").GetString(), second.GetProperty("data").GetProperty("id").GetString());
        var temperature = second.GetProperty("data").GetProperty("params").GetProperty("temperature");
        Assert.InRange(temperature.GetProperty("value").GetDouble(), -40, 85);
        Assert.True(temperature.GetProperty("time").GetInt64() > 1_600_000_000_000);
    }

    [Fact]
    public void FloatValues_KeepTheirDecimalPoint()
    {
        var payload = OneNetStudio.Simulator.Messages.PlatformMessages.PropertyReport("p", "d", "1",
            new Dictionary<string, object?> { ["temperature"] = 20.0, ["humidity"] = 20L, ["ratio"] = 0.25 }, 0);
        var json = System.Text.Encoding.UTF8.GetString(payload);
        Assert.Contains("\"temperature\":{\"value\":20.0,", json);
        Assert.Contains("\"humidity\":{\"value\":20,", json);
        Assert.Contains("\"ratio\":{\"value\":0.25,", json);
        Assert.Equal(20.0, JsonDocument.Parse(json).RootElement.GetProperty("data").GetProperty("params").GetProperty("temperature").GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task Reports_CarryEveryPropertyTheDeviceHasAValueFor_WithTheirJsonTypes()
    {
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions { DeviceCount = 1, ReportInterval = TimeSpan.FromHours(1) });
        await using var client = await RawClient.ConnectUserAsync(simulator);
        var device = simulator.Fleet.Devices[0];
        await client.SubscribeAsync(device.PropertyTopic);
        await simulator.EmitPropertyReportsAsync(1);
        var values = JsonDocument.Parse(await client.NextAsync(device.PropertyTopic)).RootElement.GetProperty("data").GetProperty("params");
        Assert.Equal(device.Model.PropertyList.Select(p => p.Identifier).Where(i => i != "label").Order(), values.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(JsonValueKind.Object, values.GetProperty("location").GetProperty("value").ValueKind);
        Assert.Equal(JsonValueKind.Array, values.GetProperty("schedule").GetProperty("value").ValueKind);
        Assert.True(values.GetProperty("energy").GetProperty("value").GetInt64() > int.MaxValue);
        Assert.Equal(0, values.GetProperty("mode").GetProperty("value").GetInt32());
    }

    [Fact]
    public async Task UnwatchedDevices_ProduceNoTraffic()
    {
        // On fake time each report tick is one move of the clock. One watched device, the fleet's last, tells when a tick
        // has gone through the whole fleet; the other 49 must have sent nothing by then.
        var clock = new TestClock();
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions { DeviceCount = 50, ReportInterval = TimeSpan.FromMilliseconds(20), Clock = clock });
        await using var client = await RawClient.ConnectUserAsync(simulator);
        var watched = simulator.Fleet.Devices[^1];
        await client.SubscribeAsync(watched.PropertyTopic);
        await Wait.UntilAsync(() => clock.NextDue is not null); // the report timer
        for (var tick = 1; tick <= 10; tick++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(20));
            await client.NextAsync(watched.PropertyTopic);
        }
        Assert.Equal(10, simulator.Counters.MessagesOut);
    }

    [Fact]
    public async Task Lifecycle_IsPublishedWhenADeviceGoesOfflineAndOnline()
    {
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions { DeviceCount = 1, ReportInterval = TimeSpan.FromHours(1) });
        await using var client = await RawClient.ConnectUserAsync(simulator);
        var device = simulator.Fleet.Devices[0];
        await client.SubscribeAsync(device.LifecycleTopic);
        await simulator.SetDeviceOnlineAsync(device.ProductId, device.Name, online: false);
        await simulator.SetDeviceOnlineAsync(device.ProductId, device.Name, online: true);
        Assert.Equal("offline", JsonDocument.Parse(await client.NextAsync(device.LifecycleTopic)).RootElement.GetProperty("data").GetProperty("status").GetString());
        Assert.Equal("online", JsonDocument.Parse(await client.NextAsync(device.LifecycleTopic)).RootElement.GetProperty("data").GetProperty("status").GetString());
    }

    [Fact]
    public async Task EventsAreRaisedForWatchedDevices()
    {
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions { DeviceCount = 1, ReportInterval = TimeSpan.FromMilliseconds(20), EventProbability = 1 });
        await using var client = await RawClient.ConnectUserAsync(simulator);
        var device = simulator.Fleet.Devices[0];
        await client.SubscribeAsync(device.EventTopic);
        var json = JsonDocument.Parse(await client.NextAsync(device.EventTopic)).RootElement;
        Assert.Equal("event", json.GetProperty("notifyType").GetString());
        var alarm = json.GetProperty("data").GetProperty("params").GetProperty("alarm").GetProperty("value");
        Assert.InRange(alarm.GetProperty("level").GetInt32(), 1, 3);
    }

    [Fact]
    public async Task BurstAndInjection_ReachSubscribers()
    {
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions { DeviceCount = 3, ReportInterval = TimeSpan.FromHours(1) });
        await using var client = await RawClient.ConnectUserAsync(simulator);
        var device = simulator.Fleet.Devices[1];
        await client.SubscribeAsync(device.PropertyTopic);
        Assert.Equal(30, await simulator.EmitPropertyReportsAsync(10));
        for (var i = 0; i < 10; i++)
        {
            await client.NextAsync(device.PropertyTopic);
        }
        await simulator.InjectAsync(device.PropertyTopic, "{not json"u8.ToArray());
        Assert.Equal("{not json", await client.NextAsync(device.PropertyTopic));
    }

    [Fact]
    public async Task HasSubscribers_TellsWhenAWatchCanHearATopic_UntilItsClientGoes()
    {
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions { DeviceCount = 2, ReportInterval = TimeSpan.FromHours(1) });
        var device = simulator.Fleet.Devices[0];
        Assert.False(simulator.HasSubscribers(device.PropertyTopic));
        Assert.False(simulator.HasSubscribers(""));
        var client = await RawClient.ConnectUserAsync(simulator);
        await client.SubscribeAsync(device.PropertyTopic);
        Assert.True(simulator.HasSubscribers(device.PropertyTopic));
        Assert.False(simulator.HasSubscribers(simulator.Fleet.Devices[1].PropertyTopic));
        await client.DisposeAsync();
        await Wait.UntilAsync(() => !simulator.HasSubscribers(device.PropertyTopic));
    }

    [Fact]
    public async Task ListenerRestart_KeepsThePortAndAcceptsNewConnections()
    {
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions { DeviceCount = 1 });
        var port = simulator.Port;
        var client = await RawClient.ConnectUserAsync(simulator);
        await simulator.StopListenerAsync();
        await Wait.UntilAsync(() => !client.Client.IsConnected);
        await client.DisposeAsync();
        Assert.False((await RawClient.TryConnectUserAsync(simulator).ContinueWith(t => t.IsCompletedSuccessfully && t.Result.Client is not null)));
        await simulator.StartListenerAsync();
        Assert.Equal(port, simulator.Port);
        await using var again = await RawClient.ConnectUserAsync(simulator);
        Assert.True(again.Client.IsConnected);
    }

    [Fact]
    public async Task DropAllConnections_DisconnectsEveryClient()
    {
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions { DeviceCount = 1 });
        await using var a = await RawClient.ConnectUserAsync(simulator);
        await using var b = await RawClient.ConnectGroupAsync(simulator);
        await simulator.DropAllConnectionsAsync();
        await Wait.UntilAsync(() => !a.Client.IsConnected && !b.Client.IsConnected);
        Assert.True(simulator.IsListening);
    }

    [Fact]
    public async Task TenThousandDevices_AreCreated()
    {
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions { DeviceCount = 10_000, ProductIds = ["PA", "PB"] });
        Assert.Equal(20_000, simulator.Fleet.Devices.Count);
        Assert.NotNull(simulator.Fleet.Find("PB", "device10000"));
        Assert.Equal(5_000, simulator.Fleet.Devices.Count(d => d.ProductId == "PA" && d.InGroup));
    }
}
