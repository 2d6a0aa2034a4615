using System.Globalization;
using System.Text.Json;
using OneNetStudio.Simulator;

namespace OneNetStudio.Tests;

/// <summary>The project's products and device records over HTTP: lists and paging, details, status and its history, group scope.</summary>
public class SimulatorHttpDeviceTests() : SimulatorApiTest(new SimulatorOptions { DeviceCount = 250, InactiveDeviceCount = 2, Seed = 12, ReportInterval = TimeSpan.FromHours(1) })
{
    private Task<ApiAnswer> DeviceAsync(string action, string device, params (string, string)[] more) =>
        Api.GetAsync(action, [("product_id", Product), ("device_name", device), .. more]);

    [Fact]
    public async Task DeviceList_PagesThrough250Devices_WithoutDuplicates()
    {
        var names = new List<string>();
        for (var offset = 0; ; offset += 100)
        {
            var data = (await Api.GetAsync("QueryDeviceList", ("offset", offset.ToString(CultureInfo.InvariantCulture)), ("limit", "100"))).Ok();
            var meta = data.GetProperty("meta");
            Assert.Equal(250, meta.GetProperty("total").GetInt32());
            Assert.Equal(100, meta.GetProperty("limit").GetInt32());
            Assert.Equal(offset, meta.GetProperty("offset").GetInt32());
            var page = data.GetProperty("list").EnumerateArray().Select(d => d.GetProperty("device_name").GetString()!).ToList();
            names.AddRange(page);
            if (page.Count < 100)
            {
                break;
            }
        }
        Assert.Equal(250, names.Count);
        Assert.Equal(250, names.Distinct().Count());
        Assert.Equal(Simulator.Fleet.Devices.Select(d => d.Name), names);
    }

    [Fact]
    public async Task DeviceList_DefaultsToTenAndRefusesALimitOver100()
    {
        var data = (await Api.GetAsync("QueryDeviceList")).Ok();
        Assert.Equal(10, data.GetProperty("list").GetArrayLength());
        Assert.Equal(10, data.GetProperty("meta").GetProperty("limit").GetInt32());
        (await Api.GetAsync("QueryDeviceList", ("limit", "101"))).Fails("invalidParameter");
        (await Api.GetAsync("QueryDeviceList", ("limit", "0"))).Fails("invalidParameter");
        (await Api.GetAsync("QueryDeviceList", ("offset", "-1"))).Fails("invalidParameter");
    }

    [Fact]
    public async Task DeviceList_Rows_HaveThePlatformsFields()
    {
        var row = (await Api.GetAsync("QueryDeviceList", ("limit", "1"))).Ok().GetProperty("list")[0];
        Assert.Equal(Product, row.GetProperty("product_id").GetString());
        Assert.False(string.IsNullOrEmpty(row.GetProperty("product_name").GetString()));
        Assert.Equal("device0001", row.GetProperty("device_name").GetString());
        Assert.Equal(2, row.GetProperty("status").GetInt32());
        Assert.Equal(1, row.GetProperty("node_type").GetInt32());
        Assert.Equal(1, row.GetProperty("from").GetInt32());
        AssertIso(row.GetProperty("created_time").GetString()!);
        AssertIso(row.GetProperty("last_time").GetString()!);
    }

    [Fact]
    public async Task DeviceList_FiltersByProductNameAndGroup()
    {
        var byName = (await Api.GetAsync("QueryDeviceList", ("product_id", Product), ("device_name", "device0249"))).Ok();
        Assert.Equal("device0249", byName.GetProperty("list").EnumerateArray().Single().GetProperty("device_name").GetString());
        var byGroup = (await Api.GetAsync("QueryDeviceList", ("group_id", Simulator.GroupId), ("limit", "100"))).Ok();
        Assert.Equal(125, byGroup.GetProperty("meta").GetProperty("total").GetInt32());
        var otherGroup = (await Api.GetAsync("QueryDeviceList", ("group_id", "NoSuchGroup"))).Ok();
        Assert.Equal(0, otherGroup.GetProperty("meta").GetProperty("total").GetInt32());
        (await Api.GetAsync("QueryDeviceList", ("product_id", "NoSuchProduct"))).Fails("productNotFound");
    }

    [Fact]
    public async Task GroupToken_SeesOnlyItsDevices_AndIsRefusedOthers()
    {
        using var group = SimulatorApiCaller.ForGroup(Simulator);
        var data = (await group.GetAsync("QueryDeviceList", ("limit", "100"), ("offset", "100"))).Ok();
        Assert.Equal(125, data.GetProperty("meta").GetProperty("total").GetInt32());
        Assert.Equal(25, data.GetProperty("list").GetArrayLength());
        var outside = Simulator.Fleet.Devices.First(d => !d.InGroup).Name;
        foreach (var action in new[] { "QueryDeviceDetail", "QueryDeviceStatus", "QueryDeviceProperty" })
        {
            (await group.GetAsync(action, ("product_id", Product), ("device_name", outside))).Fails("resourePermissionDeny");
        }
        (await group.PostAsync("SetDeviceProperty", new() { ["product_id"] = Product, ["device_name"] = outside, ["params"] = new Dictionary<string, object> { ["switch"] = true } }))
            .Fails("resourePermissionDeny");
        Assert.False(Simulator.Fleet.Find(Product, outside)!.GetValues()["switch"] is true);
        (await group.GetAsync("QueryDeviceStatus", ("product_id", Product), ("device_name", "device0125"))).Ok();
    }

    [Fact]
    public async Task UnknownDeviceOrProduct_IsNotFound()
    {
        (await DeviceAsync("QueryDeviceDetail", "nosuchdevice")).Fails("deviceNotFound");
        (await Api.GetAsync("QueryDeviceDetail", ("product_id", "NoSuchProduct"), ("device_name", "device0001"))).Fails("productNotFound");
        (await Api.GetAsync("QueryDeviceDetail", ("product_id", Product))).Fails("parameterRequired");
    }

    [Fact]
    public async Task ProductList_HoldsTheSimulatorsProducts()
    {
        var data = (await Api.GetAsync("QueryProductList")).Ok();
        var product = data.GetProperty("list").EnumerateArray().Single();
        Assert.Equal(Product, product.GetProperty("product_id").GetString());
        Assert.Equal(250, product.GetProperty("device_number").GetInt32());
        Assert.Equal(1, data.GetProperty("meta").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task DeviceDetail_IsTheRecord_WithADeviceKeyAClientMustNeverShow()
    {
        var data = (await DeviceAsync("QueryDeviceDetail", "device0007")).Ok();
        Assert.Equal("device0007", data.GetProperty("device_name").GetString());
        Assert.Equal(Product, data.GetProperty("product_id").GetString());
        Assert.Equal(2, data.GetProperty("status").GetInt32());
        Assert.Equal(44, data.GetProperty("sec_key").GetString()!.Length);
        AssertIso(data.GetProperty("create_time").GetString()!);
        AssertIso(data.GetProperty("last_time").GetString()!);
        AssertIso(data.GetProperty("active_time").GetString()!);
        foreach (var field in new[] { "product_name", "desc", "node_type", "protocol", "imei", "imsi", "auth_code", "ip" })
        {
            Assert.True(data.TryGetProperty(field, out _), field);
        }
    }

    [Fact]
    public async Task InactiveDevice_WasNeverOnline()
    {
        var data = (await DeviceAsync("QueryDeviceDetail", "device0250")).Ok();
        Assert.Equal(1, data.GetProperty("status").GetInt32());
        Assert.Equal("0001-01-01T00:00:00.000Z", data.GetProperty("last_time").GetString());
        Assert.Equal("0001-01-01T00:00:00.000Z", data.GetProperty("active_time").GetString());
        Assert.Equal(1, (await DeviceAsync("QueryDeviceStatus", "device0249")).Ok().GetProperty("status").GetInt32());
        var properties = (await DeviceAsync("QueryDeviceProperty", "device0250")).Ok().GetProperty("list").EnumerateArray().ToList();
        Assert.All(properties, p => Assert.Equal("0", p.GetProperty("time").GetString()));
        Assert.All(properties, p => Assert.False(p.TryGetProperty("value", out _)));
        var history = (await DeviceAsync("QueryDeviceStatusHistory", "device0250", ("start_time", "0"), ("end_time", long.MaxValue.ToString(CultureInfo.InvariantCulture)))).Ok();
        Assert.Equal(0, history.GetProperty("list").GetArrayLength());
    }

    [Fact]
    public async Task StatusAndItsHistory_FollowTheDeviceGoingOfflineAndOnline()
    {
        await Simulator.SetDeviceOnlineAsync(Product, "device0003", online: false);
        Assert.Equal(3, (await DeviceAsync("QueryDeviceStatus", "device0003")).Ok().GetProperty("status").GetInt32());
        await Simulator.SetDeviceOnlineAsync(Product, "device0003", online: true);
        Assert.Equal(2, (await DeviceAsync("QueryDeviceStatus", "device0003")).Ok().GetProperty("status").GetInt32());
        var data = (await DeviceAsync("QueryDeviceStatusHistory", "device0003", ("start_time", "0"), ("end_time", Simulator.Clock.GetUtcNow().AddMinutes(1).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)))).Ok();
        var rows = data.GetProperty("list").EnumerateArray().ToList();
        Assert.Equal([1, 0, 1], rows.Select(r => r.GetProperty("status").GetInt32()));
        Assert.All(rows, r => Assert.Equal(JsonValueKind.Number, r.GetProperty("time").ValueKind));
        Assert.True(rows[0].GetProperty("time").GetInt64() >= rows[1].GetProperty("time").GetInt64());
        Assert.False(data.GetProperty("meta").TryGetProperty("total", out _));
        var onlyTheLast = (await DeviceAsync("QueryDeviceStatusHistory", "device0003", ("start_time", "0"), ("end_time", long.MaxValue.ToString(CultureInfo.InvariantCulture)), ("limit", "1"), ("offset", "2"))).Ok();
        Assert.Equal(1, onlyTheLast.GetProperty("list").EnumerateArray().Single().GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task StatusHistory_NeedsATimeRange()
    {
        (await DeviceAsync("QueryDeviceStatusHistory", "device0001")).Fails("parameterRequired");
        (await DeviceAsync("QueryDeviceStatusHistory", "device0001", ("start_time", "20"), ("end_time", "10"))).Fails("invalidParameter");
        (await DeviceAsync("QueryDeviceStatusHistory", "device0001", ("start_time", "yesterday"), ("end_time", "10"))).Fails("invalidParameter");
    }

    private static void AssertIso(string text) =>
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", text);
}
