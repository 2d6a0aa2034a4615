namespace OneNetStudio;

/// <summary>An event of a product's thing model and the values it reports.</summary>
public sealed class OneNetThingEvent
{
    internal OneNetThingEvent()
    {
    }

    public required string ProductId { get; init; }
    public required string Name { get; init; }
    public string? DisplayName { get; internal init; }
    public string? Description { get; internal init; }
    public ThingEventType EventType { get; internal init; }
    public OneNetThingParameter[] Output { get; internal init; } = [];

    public override string ToString() => $"{Name} ({EventType})";
}
