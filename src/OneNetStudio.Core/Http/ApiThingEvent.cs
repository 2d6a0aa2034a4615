namespace OneNetStudio.Core.Http;

/// <summary>An event of the thing model and the values it reports.</summary>
public sealed record ApiThingEvent
{
    public required string Identifier { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }
    public ApiEventType EventType { get; init; }
    public IReadOnlyList<ApiThingParameter> Output { get; init; } = [];
}
