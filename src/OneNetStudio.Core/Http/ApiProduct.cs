namespace OneNetStudio.Core.Http;

/// <summary>A product of the project. The fields the platform documents without their values stay text.</summary>
public sealed record ApiProduct
{
    public required string ProductId { get; init; }
    public string? Name { get; init; }
    public string? Type { get; init; }
    public string? Description { get; init; }
    public string? Protocol { get; init; }
    public ApiNodeType NodeType { get; init; }
    public string? DataType { get; init; }
    public string? Network { get; init; }
    public long? DeviceCount { get; init; }
}
