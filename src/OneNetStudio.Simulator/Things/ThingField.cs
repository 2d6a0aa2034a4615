namespace OneNetStudio.Simulator.Things;

/// <summary>A named value inside a struct, an event's output or a service's input or output.</summary>
public sealed record ThingField(string Identifier, string Name, ThingValueType Type);
