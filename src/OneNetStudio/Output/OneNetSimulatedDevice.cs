using System.Collections;
using System.Collections.Specialized;
using OneNetStudio.Simulator.Things;

namespace OneNetStudio;

/// <summary>A device of the embedded simulator; its values are read live from the simulator.</summary>
public sealed class OneNetSimulatedDevice
{
    private readonly SimulatedDevice _device;

    internal OneNetSimulatedDevice(SimulatedDevice device) => _device = device;

    public string ProductId => _device.ProductId;
    public string DeviceName => _device.Name;
    public bool Online => _device.Online;

    /// <summary>Visible to the simulator's project group.</summary>
    public bool InGroup => _device.InGroup;

    /// <summary>Current property values, by identifier.</summary>
    public IDictionary Properties => ToOrdered(_device.GetValues().Select(p => (p.Key, p.Value)));

    /// <summary>Desired values the platform stores for the device: identifier -> @{ Value; Version }.</summary>
    public IDictionary DesiredProperties => ToOrdered(_device.GetDesiredValues().Select(p =>
        (p.Key, (object?)new OrderedDictionary { ["Value"] = p.Value.Value, ["Version"] = p.Value.Version })));

    public override string ToString() => $"{ProductId}/{DeviceName}";

    private static OrderedDictionary ToOrdered(IEnumerable<(string Key, object? Value)> pairs)
    {
        var result = new OrderedDictionary(StringComparer.Ordinal);
        foreach (var (key, value) in pairs.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            result[key] = value;
        }
        return result;
    }
}
