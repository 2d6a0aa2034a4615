namespace OneNetStudio.Core.Http;

/// <summary>A service of the thing model: what it takes, what it answers, and whether calls wait for the answer.</summary>
public sealed record ApiThingService
{
    public required string Identifier { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }
    public ApiServiceCallType CallType { get; init; }
    public IReadOnlyList<ApiThingParameter> Input { get; init; } = [];
    public IReadOnlyList<ApiThingParameter> Output { get; init; } = [];
}
