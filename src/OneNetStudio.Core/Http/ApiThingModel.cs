namespace OneNetStudio.Core.Http;

/// <summary>A product's thing model: its properties, events and services with their data types.</summary>
public sealed record ApiThingModel
{
    public required string ProductId { get; init; }
    public IReadOnlyList<ApiThingProperty> Properties { get; init; } = [];
    public IReadOnlyList<ApiThingEvent> Events { get; init; } = [];
    public IReadOnlyList<ApiThingService> Services { get; init; } = [];

    // Identifiers are matched as the platform does: exactly.
    public ApiThingProperty? FindProperty(string identifier) => Properties.FirstOrDefault(p => p.Identifier == identifier);
    public ApiThingEvent? FindEvent(string identifier) => Events.FirstOrDefault(e => e.Identifier == identifier);
    public ApiThingService? FindService(string identifier) => Services.FirstOrDefault(s => s.Identifier == identifier);

    /// <summary>The type of an event's or a service's output: a struct of its parameters.</summary>
    public static ApiDataType StructOf(IReadOnlyList<ApiThingParameter> parameters) =>
        ApiDataType.Of(ThingDataType.Struct) with { Fields = parameters };
}
