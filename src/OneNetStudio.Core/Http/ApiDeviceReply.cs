namespace OneNetStudio.Core.Http;

/// <summary>
/// The device's answer to a property set, passed on by the platform. A device that refuses the set still makes the
/// call succeed: its refusal is in <see cref="Code"/> and <see cref="Message"/>.
/// </summary>
public sealed record ApiDeviceReply
{
    /// <summary>The platform's request id of the call (the envelope's <c>requestId</c>).</summary>
    public string? RequestId { get; init; }

    /// <summary>The id the platform gave the set it forwarded to the device.</summary>
    public string? Id { get; init; }
    public int? Code { get; init; }
    public string? Message { get; init; }
    public bool Success => Code == 200;
}
