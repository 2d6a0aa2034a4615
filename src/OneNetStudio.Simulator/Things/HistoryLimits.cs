namespace OneNetStudio.Simulator.Things;

/// <summary>How much history the platform keeps per device: property reports, events and status changes.</summary>
public sealed record HistoryLimits(int Reports = 1000, int Events = 1000, int StatusChanges = 1000)
{
    public static HistoryLimits Default { get; } = new();
}
