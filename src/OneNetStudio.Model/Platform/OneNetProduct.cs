namespace OneNetStudio;

/// <summary>A product of the project. Pipes into Get-OneNetDevice and Get-OneNetThingModel by its ProductId.</summary>
public sealed class OneNetProduct
{
    internal OneNetProduct()
    {
    }

    public required string ProductId { get; init; }
    public string? Name { get; internal init; }
    public string? Description { get; internal init; }

    /// <summary>The platform's product type and protocol, as it names them.</summary>
    public string? Type { get; internal init; }
    public string? Protocol { get; internal init; }
    public NodeType NodeType { get; internal init; }
    public string? DataType { get; internal init; }
    public string? Network { get; internal init; }
    public long? DeviceCount { get; internal init; }

    public override string ToString() => ProductId;
}
