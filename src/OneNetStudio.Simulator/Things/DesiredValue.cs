namespace OneNetStudio.Simulator.Things;

/// <summary>A desired value as the platform stores it: versioned per property, the first set is version 1.</summary>
public sealed record DesiredValue(object? Value, int Version);
