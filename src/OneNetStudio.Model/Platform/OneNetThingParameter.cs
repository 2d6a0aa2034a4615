namespace OneNetStudio;

/// <summary>A struct field, an event's output value, or a service's input or output parameter.</summary>
public sealed class OneNetThingParameter
{
    internal OneNetThingParameter()
    {
    }

    /// <summary>The identifier.</summary>
    public required string Name { get; init; }
    public string? DisplayName { get; internal init; }
    public required OneNetDataType DataType { get; init; }

    public override string ToString() => $"{Name}: {DataType}";
}
