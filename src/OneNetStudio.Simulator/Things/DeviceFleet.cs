namespace OneNetStudio.Simulator.Things;

/// <summary>The simulated devices, by product id and device name.</summary>
public sealed class DeviceFleet
{
    private readonly Dictionary<(string ProductId, string Name), SimulatedDevice> _byKey = new();
    private readonly HashSet<string> _products = new(StringComparer.Ordinal);

    public DeviceFleet(IEnumerable<SimulatedDevice> devices)
    {
        var list = new List<SimulatedDevice>();
        foreach (var device in devices)
        {
            if (!_byKey.TryAdd((device.ProductId, device.Name), device))
            {
                throw new ArgumentException($"Device {device} is defined twice.", nameof(devices));
            }
            _products.Add(device.ProductId);
            list.Add(device);
        }
        Devices = list;
    }

    public IReadOnlyList<SimulatedDevice> Devices { get; }
    public IReadOnlyCollection<string> ProductIds => _products;

    public bool HasProduct(string productId) => _products.Contains(productId);

    public SimulatedDevice? Find(string productId, string name) =>
        _byKey.TryGetValue((productId, name), out var device) ? device : null;

    /// <summary>
    /// <paramref name="deviceCount"/> devices per product, the first <paramref name="groupDeviceCount"/> of each in the
    /// group and the last <paramref name="inactiveDeviceCount"/> of each never online. Records are created a day
    /// before <paramref name="nowMs"/>, a second apart; active devices came online and reported when created.
    /// </summary>
    public static DeviceFleet Create(IReadOnlyList<string> productIds, int deviceCount, int groupDeviceCount, ThingModel model, Random random,
        long nowMs = 0, int inactiveDeviceCount = 0, HistoryLimits? limits = null)
    {
        var width = Math.Max(4, deviceCount.ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
        var devices = new List<SimulatedDevice>(productIds.Count * deviceCount);
        var createdAtMs = nowMs - (long)TimeSpan.FromDays(1).TotalMilliseconds;
        foreach (var productId in productIds)
        {
            for (var i = 1; i <= deviceCount; i++)
            {
                var name = "device" + i.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(width, '0');
                devices.Add(new SimulatedDevice(productId, name, model, inGroup: i <= groupDeviceCount, InitialValues(random),
                    createdAtMs + (i * 1000L), active: i <= deviceCount - inactiveDeviceCount, limits));
            }
        }
        return new DeviceFleet(devices);
    }

    private static Dictionary<string, object?> InitialValues(Random random) => new(StringComparer.Ordinal)
    {
        ["temperature"] = Math.Round(18 + (random.NextDouble() * 8), 1),
        ["humidity"] = (long)random.Next(35, 65),
        ["Power"] = "on",
        ["switch"] = false,
        ["reportInterval"] = 60L,
        ["firmwareVersion"] = "1.0.3",
        ["energy"] = 5_000_000_000L + random.Next(0, 1_000_000),
        ["voltage"] = Math.Round(220 + (random.NextDouble() * 10), 3),
        ["mode"] = 0L,
        ["faults"] = 0L,
        ["installedAt"] = 1_700_000_000_000L,
        ["location"] = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["lng"] = Math.Round(116.3 + (random.NextDouble() * 0.2), 6),
            ["lat"] = Math.Round(39.8 + (random.NextDouble() * 0.2), 6),
        },
        ["schedule"] = new List<object?> { 6L, 12L, 18L, 22L },
    };
}
