namespace OneNetStudio.Simulator.Things;

/// <summary>A property's value as the platform last heard it, and when (epoch ms).</summary>
public readonly record struct ReportedValue(object? Value, long TimeMs);
