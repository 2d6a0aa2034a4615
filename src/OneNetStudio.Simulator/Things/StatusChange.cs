namespace OneNetStudio.Simulator.Things;

/// <summary>A device going online or offline, as the platform's status history keeps it.</summary>
public readonly record struct StatusChange(long TimeMs, bool Online);
