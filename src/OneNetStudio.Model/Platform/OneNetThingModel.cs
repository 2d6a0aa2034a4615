namespace OneNetStudio;

/// <summary>A product's thing model: its properties, events and services with their types and ranges.</summary>
public sealed class OneNetThingModel
{
    internal OneNetThingModel()
    {
    }

    public required string ProductId { get; init; }
    public OneNetThingProperty[] Properties { get; internal init; } = [];
    public OneNetThingEvent[] Events { get; internal init; } = [];
    public OneNetThingService[] Services { get; internal init; } = [];

    public override string ToString() => $"{ProductId}: {Properties.Length} properties, {Events.Length} events, {Services.Length} services";
}
