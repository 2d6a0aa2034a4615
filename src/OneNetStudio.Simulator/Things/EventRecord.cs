namespace OneNetStudio.Simulator.Things;

/// <summary>An event a device raised, as the platform stored it.</summary>
public sealed record EventRecord(long TimeMs, EventDefinition Definition, IReadOnlyDictionary<string, object?> Value);
