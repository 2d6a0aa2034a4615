using OneNetStudio.Simulator;
using OneNetStudio.Simulator.Things;

namespace OneNetStudio.Tests;

/// <summary>What the platform keeps about each device: status and its history, latest reported values, bounded histories, desired versions.</summary>
public class SimulatorDeviceStateTests
{
    private static Task<SimulatorServer> StartAsync(int devices = 2, int inactive = 0, int historyLimit = 1000) =>
        SimulatorServer.StartAsync(new SimulatorOptions { DeviceCount = devices, InactiveDeviceCount = inactive, PropertyHistoryLimit = historyLimit, ReportInterval = TimeSpan.FromHours(1) });

    [Fact]
    public async Task ActiveDevices_CameOnlineAndReportedWhenCreated()
    {
        await using var simulator = await StartAsync();
        var device = simulator.Fleet.Devices[0];
        Assert.Equal(DeviceRecordStatus.Online, device.Status);
        Assert.True(device.CreatedAtMs < simulator.Clock.GetUtcNow().ToUnixTimeMilliseconds());
        Assert.Equal(device.CreatedAtMs, device.ActivatedAtMs);
        Assert.Equal(device.GetValues()["humidity"], device.GetReported("humidity")!.Value.Value);
        Assert.Equal(device.CreatedAtMs, device.GetReported("humidity")!.Value.TimeMs);
        Assert.Null(device.GetReported("label"));
        Assert.Equal([new StatusChange(device.CreatedAtMs, true)], device.GetStatusHistory());
    }

    [Fact]
    public async Task InactiveDevices_AreTheLastOfEachProduct_AndWereNeverOnline()
    {
        await using var simulator = await StartAsync(devices: 3, inactive: 1);
        var inactive = simulator.Fleet.Devices[2];
        Assert.Equal(DeviceRecordStatus.Inactive, inactive.Status);
        Assert.False(inactive.Online);
        Assert.Null(inactive.ActivatedAtMs);
        Assert.Null(inactive.LastSeenMs);
        Assert.Null(inactive.GetReported("humidity"));
        Assert.Empty(inactive.GetStatusHistory());
        Assert.Equal(0, await simulator.EmitPropertyReportsAsync(1, inactive.ProductId, inactive.Name));

        await simulator.SetDeviceOnlineAsync(inactive.ProductId, inactive.Name, online: true);
        Assert.Equal(DeviceRecordStatus.Online, inactive.Status);
        Assert.NotNull(inactive.ActivatedAtMs);
        Assert.Single(inactive.GetStatusHistory());
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => SimulatorServer.StartAsync(new SimulatorOptions { DeviceCount = 2, InactiveDeviceCount = 3 }));
    }

    [Fact]
    public async Task GoingOfflineAndOnline_IsKeptInTheStatusHistory()
    {
        await using var simulator = await StartAsync();
        var device = simulator.Fleet.Devices[1];
        await simulator.SetDeviceOnlineAsync(device.ProductId, device.Name, online: false);
        Assert.Equal(DeviceRecordStatus.Offline, device.Status);
        await simulator.SetDeviceOnlineAsync(device.ProductId, device.Name, online: false); // no change, nothing kept
        await simulator.SetDeviceOnlineAsync(device.ProductId, device.Name, online: true);
        Assert.Equal([true, false, true], device.GetStatusHistory().Select(c => c.Online));
        Assert.Equal(device.GetStatusHistory()[^1].TimeMs, device.LastSeenMs);
    }

    [Fact]
    public async Task Reports_AreKept_UpToTheLimitPerDevice()
    {
        await using var simulator = await StartAsync(devices: 1, historyLimit: 20);
        await simulator.EmitPropertyReportsAsync(50);
        var device = simulator.Fleet.Devices[0];
        var history = device.GetPropertyHistory("humidity");
        Assert.Equal(20, history.Count);
        Assert.Equal(device.GetValues()["humidity"], history[^1].Value);
        Assert.Equal(device.GetReported("humidity"), history[^1]);
        Assert.Empty(device.GetPropertyHistory("label"));
        Assert.Empty(device.GetPropertyHistory("nosuchproperty"));
    }

    [Fact]
    public async Task Events_AreKept()
    {
        await using var simulator = await StartAsync();
        var device = simulator.Fleet.Devices[0];
        await simulator.EmitEventAsync(device.ProductId, device.Name, "sensorFault");
        await simulator.EmitEventAsync(device.ProductId, device.Name, "alarm", new Dictionary<string, object?> { ["level"] = 2L, ["reason"] = "tamper" });
        var events = device.GetEventHistory();
        Assert.Equal(["sensorFault", "alarm"], events.Select(e => e.Definition.Identifier));
        Assert.InRange((long)events[0].Value["code"]!, 1, 255);
        Assert.Equal("tamper", events[1].Value["reason"]);
    }

    [Fact]
    public void DesiredValues_DeleteWithAVersionCheck_AndVersionsGoOnAfterADelete()
    {
        var device = new SimulatedDevice("P", "d", ThingModel.Default, inGroup: true, new Dictionary<string, object?>());
        device.ApplyDesired(new Dictionary<string, object?> { ["humidity"] = 40L, ["switch"] = true });
        device.ApplyDesired(new Dictionary<string, object?> { ["humidity"] = 41L });
        Assert.Equal(("humidity", (int?)2), device.DeleteDesired(new Dictionary<string, int?> { ["switch"] = null, ["humidity"] = 1 }));
        Assert.Equal(2, device.GetDesiredValues().Count);
        Assert.Null(device.DeleteDesired(new Dictionary<string, int?> { ["switch"] = 1, ["humidity"] = 2 }));
        Assert.Empty(device.GetDesiredValues());
        Assert.Equal(("switch", (int?)null), device.DeleteDesired(new Dictionary<string, int?> { ["switch"] = 1 }));
        device.ApplyDesired(new Dictionary<string, object?> { ["humidity"] = 42L });
        Assert.Equal(3, device.GetDesiredValues()["humidity"].Version);
    }
}
