namespace OneNetStudio.Core.Http;

/// <summary>A struct field, an event's output or a service's input or output parameter.</summary>
public sealed record ApiThingParameter
{
    public required string Identifier { get; init; }
    public string? Name { get; init; }
    public required ApiDataType DataType { get; init; }
}
