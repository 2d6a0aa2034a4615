namespace OneNetStudio.Simulator.Things;

/// <summary>An event of a thing model; its value is an object with the given fields.</summary>
public sealed record EventDefinition(string Identifier, IReadOnlyList<string> Reasons);
