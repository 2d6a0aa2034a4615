using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OneNetStudio.Simulator.Things;

namespace OneNetStudio.Simulator.Api;

/// <summary>The project's products and device records: QueryProductList, QueryDeviceList, QueryDeviceDetail, QueryDeviceStatus, QueryDeviceStatusHistory.</summary>
internal sealed class DeviceRecordActions(ApiContext context)
{
    private const int DirectNode = 1;
    private const int MqttProtocol = 2;
    private const int CreatedByOwner = 1;

    public IEnumerable<ApiRoute> Routes =>
    [
        new("application", "QueryProductList", "GET", QueryProductList),
        new("application", "QueryDeviceList", "GET", QueryDeviceList),
        new("application", "QueryDeviceDetail", "GET", QueryDeviceDetail),
        new("application", "QueryDeviceStatus", "GET", QueryDeviceStatus),
        new("application", "QueryDeviceStatusHistory", "GET", QueryDeviceStatusHistory),
    ];

    private Task<Action<Utf8JsonWriter>?> QueryProductList(ApiRequest request, CancellationToken cancellationToken)
    {
        context.RequireProject(request);
        var page = ApiPage.From(request);
        var products = context.VisibleDevices(request.Principal).GroupBy(d => d.ProductId).ToList();
        return ApiData.Object(writer =>
        {
            writer.WriteStartArray("list");
            foreach (var product in page.Of(products))
            {
                writer.WriteStartObject();
                writer.WriteString("product_id", product.Key);
                writer.WriteString("name", ApiContext.ProductName(product.Key));
                writer.WriteNumber("type", 1);
                writer.WriteString("desc", "A simulated environmental sensor");
                writer.WriteNumber("protocol", MqttProtocol);
                writer.WriteNumber("node_type", DirectNode);
                writer.WriteNumber("data_type", 1);
                writer.WriteString("network", "3"); // wifi; the platform's pages give this one as a string
                writer.WriteNumber("device_number", product.Count());
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            page.WriteMeta(writer, products.Count);
        });
    }

    private Task<Action<Utf8JsonWriter>?> QueryDeviceList(ApiRequest request, CancellationToken cancellationToken)
    {
        context.RequireProject(request);
        var productId = request.Get("product_id") is null ? null : context.RequireProduct(request);
        var groupId = request.Get("group_id");
        var name = request.Get("device_name");
        var page = ApiPage.From(request);
        var devices = context.VisibleDevices(request.Principal)
            .Where(d => productId is null || d.ProductId == productId)
            .Where(d => groupId is null || (groupId == context.Server.GroupId && d.InGroup))
            .Where(d => name is null || d.Name.Contains(name, StringComparison.Ordinal))
            .ToList();
        return ApiData.Object(writer =>
        {
            writer.WriteStartArray("list");
            foreach (var device in page.Of(devices))
            {
                writer.WriteStartObject();
                writer.WriteString("product_id", device.ProductId);
                writer.WriteString("product_name", ApiContext.ProductName(device.ProductId));
                writer.WriteString("device_name", device.Name);
                writer.WriteNumber("status", (int)device.Status);
                writer.WriteNumber("from", CreatedByOwner);
                writer.WriteNumber("node_type", DirectNode);
                writer.WriteString("created_time", ApiJson.Iso(device.CreatedAtMs));
                writer.WriteString("last_time", ApiJson.Iso(device.LastSeenMs));
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            page.WriteMeta(writer, devices.Count);
        });
    }

    private Task<Action<Utf8JsonWriter>?> QueryDeviceDetail(ApiRequest request, CancellationToken cancellationToken)
    {
        var device = context.RequireDevice(request);
        var status = device.Status;
        return ApiData.Object(writer =>
        {
            writer.WriteString("device_name", device.Name);
            writer.WriteString("product_id", device.ProductId);
            writer.WriteString("product_name", ApiContext.ProductName(device.ProductId));
            writer.WriteString("desc", "A simulated device");
            writer.WriteNumber("status", (int)status);
            writer.WriteNumber("node_type", DirectNode);
            writer.WriteNumber("protocol", MqttProtocol);
            writer.WriteString("imei", string.Empty);
            writer.WriteString("imsi", string.Empty);
            writer.WriteString("auth_code", string.Empty);
            writer.WriteString("ip", status == DeviceRecordStatus.Online ? "127.0.0.1" : string.Empty);
            // One of the platform's pages spells it create_time: the detail does, the list says created_time.
            writer.WriteString("create_time", ApiJson.Iso(device.CreatedAtMs));
            writer.WriteString("last_time", ApiJson.Iso(device.LastSeenMs));
            writer.WriteString("active_time", ApiJson.Iso(device.ActivatedAtMs));
            writer.WriteString("sec_key", FakeDeviceKey(device));
        });
    }

    private Task<Action<Utf8JsonWriter>?> QueryDeviceStatus(ApiRequest request, CancellationToken cancellationToken)
    {
        var status = context.RequireDevice(request).Status;
        return ApiData.Object(writer => writer.WriteNumber("status", (int)status));
    }

    private Task<Action<Utf8JsonWriter>?> QueryDeviceStatusHistory(ApiRequest request, CancellationToken cancellationToken)
    {
        var device = context.RequireDevice(request);
        var (start, end) = ApiTimeRange.From(request);
        var page = ApiPage.From(request);
        var changes = device.GetStatusHistory().Where(c => c.TimeMs >= start && c.TimeMs <= end).Reverse().ToList();
        return ApiData.Object(writer =>
        {
            writer.WriteStartArray("list");
            foreach (var change in page.Of(changes))
            {
                writer.WriteStartObject();
                writer.WriteNumber("status", change.Online ? 1 : 0);
                writer.WriteNumber("time", change.TimeMs);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            page.WriteMeta(writer, null);
        });
    }

    /// <summary>
    /// The platform's records carry the device key; the simulator's devices have none (they never connect), so this
    /// is a made-up key of the right shape, there so that a client's care never to show it can be tested.
    /// </summary>
    private static string FakeDeviceKey(SimulatedDevice device) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes($"simulated device key of {device}")));
}
