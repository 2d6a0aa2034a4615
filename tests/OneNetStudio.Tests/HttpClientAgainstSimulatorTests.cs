using System.Collections;
using OneNetStudio.Core.Connection;
using OneNetStudio.Core.Http;
using OneNetStudio.Core.Security;
using OneNetStudio.Simulator;

namespace OneNetStudio.Tests;

/// <summary>
/// The Core HTTP client against the simulator's HTTP API: both follow product.md 2.7, written apart, so this is where
/// a quirk read one way and served another shows.
/// </summary>
public sealed class HttpClientAgainstSimulatorTests() : SimulatorTest(new SimulatorOptions { DeviceCount = 250, ReportInterval = TimeSpan.FromHours(1), Seed = 3 })
{
    private string Product => Simulator.Fleet.ProductIds.Single();

    private OpenApiDialect Api(bool group = false) => SimulatorApi(group);

    [Fact]
    public async Task EveryPageOfTheDeviceList_ArrivesOnce()
    {
        var names = new List<string>();
        await foreach (var device in Api().QueryDeviceListAsync(Product))
        {
            names.Add(device.DeviceName);
        }
        Assert.Equal(250, names.Count);
        Assert.Equal(250, names.Distinct().Count());
    }

    [Fact]
    public async Task CurrentValues_AreTypedByTheThingModel_AndANeverReportedOneIsNull()
    {
        await Simulator.EmitPropertyReportsAsync(1, Product, "device0001");
        var states = (await Api().QueryDevicePropertyAsync(Product, "device0001")).ToDictionary(s => s.Identifier);
        Assert.IsType<double>(states["temperature"].Value);
        Assert.IsType<int>(states["humidity"].Value);
        Assert.IsType<long>(states["energy"].Value);
        Assert.IsType<bool>(states["switch"].Value);
        Assert.IsType<string>(states["Power"].Value);
        Assert.IsType<DateTimeOffset>(states["installedAt"].Value);
        Assert.IsAssignableFrom<IDictionary>(states["location"].Value);
        Assert.IsType<object?[]>(states["schedule"].Value);
        Assert.Null(states["label"].Value);
        Assert.Null(states["label"].Time);
    }

    [Fact]
    public async Task DesiredValues_RoundTrip_AndAStaleVersionIsRefused()
    {
        var api = Api();
        await api.SetDeviceDesiredPropertyAsync(Product, "device0002", new Hashtable { ["reportInterval"] = 60 });
        await api.SetDeviceDesiredPropertyAsync(Product, "device0002", new Hashtable { ["reportInterval"] = 90 });
        var desired = Assert.Single(await api.QueryDeviceDesiredPropertyAsync(Product, "device0002"));
        Assert.Equal(("reportInterval", 2L), (desired.Identifier, desired.Version));
        Assert.Equal(90, Convert.ToInt32(desired.Value));
        var stale = await Assert.ThrowsAsync<OneNetApiException>(() => api.DeleteDeviceDesiredPropertyAsync(Product, "device0002", new Dictionary<string, long?> { ["reportInterval"] = 1 }));
        Assert.Equal(OneNetApiErrorKind.ServiceFailed, stale.Kind);
        await api.DeleteDeviceDesiredPropertyAsync(Product, "device0002", new Dictionary<string, long?> { ["reportInterval"] = 2 });
        Assert.Empty(await api.QueryDeviceDesiredPropertyAsync(Product, "device0002"));
    }

    [Fact]
    public async Task Services_SyncAnswers_AsyncIsRecordedForLater()
    {
        var api = Api();
        var model = await api.QueryThingModelAsync(Product);
        var sync = await api.CallServiceAsync(Product, "device0001", "calibrate", new Hashtable { ["offset"] = 1.5 }, model);
        Assert.True(sync.HasOutput);
        Assert.True(sync.Output!.Contains("temperature"));
        var async = await api.CallServiceAsync(Product, "device0001", "upgradeFirmware", new Hashtable { ["version"] = "2.0.0" }, model);
        Assert.False(async.HasOutput);
        var record = await api.QueryServiceRecordAsync(async.RequestId!, model);
        Assert.Equal(async.RequestId, record.TraceId);
    }

    [Fact]
    public async Task AGroupOutsideItsGroup_IsDenied_AndAnUnknownDeviceIsNotFound()
    {
        var outside = Simulator.Fleet.Devices.First(d => !d.InGroup).Name;
        var denied = await Assert.ThrowsAsync<OneNetApiException>(() => Api(group: true).QueryDevicePropertyAsync(Product, outside));
        Assert.Equal(OneNetApiErrorKind.AccessDenied, denied.Kind);
        var missing = await Assert.ThrowsAsync<OneNetApiException>(() => Api().QueryDeviceDetailAsync(Product, "nosuchdevice"));
        Assert.Equal(OneNetApiErrorKind.DeviceNotFound, missing.Kind);
        Assert.NotNull(missing.RequestId);
    }
}
