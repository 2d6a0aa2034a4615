namespace OneNetStudio;

/// <summary>
/// A property's latest value on the platform (or, with -Live, read from the device now), typed by its data type,
/// with its stored desired value. A never-reported property has a null Value and Time.
/// </summary>
public sealed class OneNetPropertyState
{
    internal OneNetPropertyState()
    {
    }

    public required string ProductId { get; init; }
    public required string DeviceName { get; init; }

    /// <summary>The identifier.</summary>
    public required string Name { get; init; }

    /// <summary>int, long, double, bool, string, DateTimeOffset, an ordered dictionary (struct) or an object[] (array); enum and bitMap as their number.</summary>
    public object? Value { get; internal init; }
    public DateTimeOffset? Time { get; internal init; }
    public object? DesiredValue { get; internal init; }

    /// <summary>int32, int64, float, double, bool, string, enum, bitMap, date, struct or array.</summary>
    public string? DataType { get; internal init; }
    public AccessMode AccessMode { get; internal init; }
    public string? DisplayName { get; internal init; }
    public string? Description { get; internal init; }

    /// <summary>True when the value was read from the device now (-Live) rather than the platform's latest report.</summary>
    public bool Live { get; internal init; }

    public override string ToString() => $"{Name}={JsonValues.Display(Value)}";
}
