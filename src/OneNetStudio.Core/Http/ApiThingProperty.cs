namespace OneNetStudio.Core.Http;

/// <summary>A property of the thing model.</summary>
public sealed record ApiThingProperty
{
    public required string Identifier { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }
    public ApiAccessMode AccessMode { get; init; }

    /// <summary>As the platform gives it (<c>u</c> user-defined, <c>s</c> system, …).</summary>
    public string? FunctionType { get; init; }
    public required ApiDataType DataType { get; init; }
}
