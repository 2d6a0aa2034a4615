namespace OneNetStudio.View;

/// <summary>What the live view knows about one device: its status, when it was last heard, its latest values.</summary>
public sealed class DeviceLiveState
{
    private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);

    internal DeviceLiveState(string productId, string deviceName)
    {
        ProductId = productId;
        DeviceName = deviceName;
    }

    public string ProductId { get; }
    public string DeviceName { get; }

    /// <summary>Null until a lifecycle message, a report or the device list said otherwise.</summary>
    public DeviceStatus? Status { get; internal set; }

    public DateTimeOffset? LastSeen { get; internal set; }

    public long Messages { get; internal set; }

    internal ActivityWindow Activity { get; } = new();

    /// <summary>The latest value of each property the device reported, by identifier.</summary>
    public IReadOnlyDictionary<string, object?> Values => _values;

    internal void SetValue(string identifier, object? value) => _values[identifier] = value;

    public override string ToString() => $"{ProductId}/{DeviceName}";
}
