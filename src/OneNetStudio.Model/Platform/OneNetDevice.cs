namespace OneNetStudio;

/// <summary>
/// A device of the project, as the platform's device list gives it; with <c>Get-OneNetDevice -Detail</c> also its
/// record (<see cref="HasDetail"/>). Never carries the device key. Pipes into every cmdlet that takes -ProductId and
/// -DeviceName.
/// </summary>
public sealed class OneNetDevice
{
    internal OneNetDevice()
    {
    }

    public required string ProductId { get; init; }
    public string? ProductName { get; internal init; }
    public required string DeviceName { get; init; }

    /// <summary>Null when the platform sent a status this version does not know.</summary>
    public DeviceStatus? Status { get; internal init; }
    public NodeType NodeType { get; internal init; }
    public DateTimeOffset? CreatedTime { get; internal init; }

    /// <summary>Last time online; null when never.</summary>
    public DateTimeOffset? LastTime { get; internal init; }

    /// <summary>True when the record below was read (<c>-Detail</c>).</summary>
    public bool HasDetail { get; internal init; }
    public string? Description { get; internal init; }
    public string? Protocol { get; internal init; }
    public string? Imei { get; internal init; }
    public string? Imsi { get; internal init; }
    public string? Ip { get; internal init; }

    /// <summary>When the device was activated; null when never (or without -Detail).</summary>
    public DateTimeOffset? ActiveTime { get; internal init; }

    public override string ToString() => $"{ProductId}/{DeviceName}";
}
