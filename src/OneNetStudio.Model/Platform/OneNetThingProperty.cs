namespace OneNetStudio;

/// <summary>A property of a product's thing model.</summary>
public sealed class OneNetThingProperty
{
    internal OneNetThingProperty()
    {
    }

    public required string ProductId { get; init; }

    /// <summary>The identifier: what -Name and -Property take.</summary>
    public required string Name { get; init; }
    public string? DisplayName { get; internal init; }
    public string? Description { get; internal init; }
    public AccessMode AccessMode { get; internal init; }
    public required OneNetDataType DataType { get; init; }

    public override string ToString() => $"{Name}: {DataType}";
}
