namespace OneNetStudio.Simulator.Things;

/// <summary>
/// One property report as the platform stored it: the values by the model's property index (null: not in this
/// report), all stamped with one time.
/// </summary>
internal readonly record struct TimedReport(long TimeMs, object?[] Values);
