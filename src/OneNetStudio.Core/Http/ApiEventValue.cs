namespace OneNetStudio.Core.Http;

/// <summary>One row of a device's event history; <see cref="Value"/> is the event's output (usually an ordered dictionary).</summary>
public sealed record ApiEventValue
{
    public required string Identifier { get; init; }
    public string? Name { get; init; }
    public ApiEventType EventType { get; init; }
    public object? Value { get; init; }
    public DateTimeOffset? Time { get; init; }
}
