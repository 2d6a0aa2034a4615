namespace OneNetStudio.Core.Http;

/// <summary>A device as the project's device list gives it.</summary>
public sealed record ApiDevice
{
    public required string ProductId { get; init; }
    public string? ProductName { get; init; }
    public required string DeviceName { get; init; }
    public ApiDeviceStatus Status { get; init; }

    /// <summary>Where the device was created (<c>from</c>), as the platform says it.</summary>
    public string? From { get; init; }
    public ApiNodeType NodeType { get; init; }
    public DateTimeOffset? CreatedTime { get; init; }

    /// <summary>Last time online; null when never.</summary>
    public DateTimeOffset? LastTime { get; init; }
}
