namespace OneNetStudio.Core.Http;

/// <summary>
/// A device's record. The platform also sends the device key (<c>sec_key</c>); it is never read into this record, so
/// it cannot reach any output, log or error.
/// </summary>
public sealed record ApiDeviceDetail
{
    public required string ProductId { get; init; }
    public string? ProductName { get; init; }
    public required string DeviceName { get; init; }
    public string? Description { get; init; }
    public ApiDeviceStatus Status { get; init; }
    public ApiNodeType NodeType { get; init; }
    public string? Protocol { get; init; }
    public string? Imei { get; init; }
    public string? Imsi { get; init; }
    public string? AuthCode { get; init; }
    public string? Ip { get; init; }
    public DateTimeOffset? CreatedTime { get; init; }

    /// <summary>Last time online; null when never.</summary>
    public DateTimeOffset? LastTime { get; init; }

    /// <summary>When the device was activated; null when never.</summary>
    public DateTimeOffset? ActiveTime { get; init; }
}
