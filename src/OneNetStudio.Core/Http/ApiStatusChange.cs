namespace OneNetStudio.Core.Http;

/// <summary>One row of a device's online/offline history.</summary>
public sealed record ApiStatusChange
{
    public required bool Online { get; init; }
    public DateTimeOffset? Time { get; init; }
}
