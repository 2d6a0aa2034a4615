using System.Diagnostics;
using System.Text.Json;
using OneNetStudio.Core.Topics;
using OneNetStudio.Simulator;

namespace OneNetStudio.Tests;

/// <summary>A silenced device on the MQTT side: the platform answers its property sets with a timeout; desired sets are the platform's own.</summary>
public class SimulatorSilentDeviceTests
{
    [Fact]
    public async Task PropertySet_ToASilentDevice_IsAnsweredTimeoutAfterTheDeviceTimeout_AndChangesNothing()
    {
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions { DeviceCount = 1, DeviceReplyTimeout = TimeSpan.FromMilliseconds(300), ReportInterval = TimeSpan.FromHours(1) });
        await using var client = await RawClient.ConnectUserAsync(simulator);
        var device = simulator.Fleet.Devices[0];
        simulator.SetDeviceSilent(device.ProductId, device.Name, silent: true);
        Assert.True(device.Silent);
        var reply = OneNetTopics.Build(device.ProductId, device.Name, TopicKind.SetReply);
        await client.SubscribeAsync(reply);
        var clock = Stopwatch.StartNew();
        await client.PublishAsync(OneNetTopics.Build(device.ProductId, device.Name, TopicKind.PropertySet), """{"requestId":"s1","data":{"params":{"switch":true}}}""");
        var json = JsonDocument.Parse(await client.NextAsync(reply)).RootElement;
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(250), $"answered after {clock.Elapsed}");
        Assert.False(json.GetProperty("success").GetBoolean());
        Assert.Equal("timeout", json.GetProperty("code").GetString());
        Assert.Contains("306", json.GetProperty("msg").GetString());
        Assert.Equal(false, device.GetValues()["switch"]);

        await client.PublishAsync(OneNetTopics.Build(device.ProductId, device.Name, TopicKind.DesiredSet), """{"requestId":"s2","data":{"params":{"switch":true}}}""");
        Assert.True(JsonDocument.Parse(await client.NextAsync(reply)).RootElement.GetProperty("success").GetBoolean());
        Assert.Equal(1, device.GetDesiredValues()["switch"].Version);
    }

    [Fact]
    public async Task SilencingAnUnknownDevice_IsAnArgumentError()
    {
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions { DeviceCount = 1 });
        Assert.Throws<ArgumentException>(() => simulator.SetDeviceSilent(simulator.Fleet.ProductIds.Single(), "nosuchdevice", true));
    }
}
