namespace OneNetStudio;

/// <summary>A desired value the platform stores for a device to fetch, with its version (per property; the first set is 1).</summary>
public sealed class OneNetDesiredValue
{
    internal OneNetDesiredValue()
    {
    }

    public required string ProductId { get; init; }
    public required string DeviceName { get; init; }
    public required string Name { get; init; }
    public object? Value { get; internal init; }
    public long? Version { get; internal init; }

    public override string ToString() => $"{Name}={JsonValues.Display(Value)} (v{Version})";
}
