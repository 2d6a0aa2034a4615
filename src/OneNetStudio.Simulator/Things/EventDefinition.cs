namespace OneNetStudio.Simulator.Things;

/// <summary>An event of a thing model: its value is an object of the <see cref="Outputs"/>.</summary>
public sealed record EventDefinition(string Identifier, string Name, ThingEventType Type, IReadOnlyList<ThingField> Outputs, string Description = "");
