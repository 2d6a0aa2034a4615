namespace OneNetStudio;

/// <summary>The platform's answer to a property or desired set, matched by requestId.</summary>
public sealed class OneNetSetReply : OneNetMessage
{
    internal OneNetSetReply(string productId, string deviceName, string topic, DateTimeOffset receivedAt, RawJson json,
        string requestId, SetKind? kind, SetStatus status, string? code, string? message, TimeSpan? elapsed)
        : base(productId, deviceName, topic, receivedAt, json)
    {
        RequestId = requestId;
        Kind = kind;
        Status = status;
        Code = code;
        Message = message;
        Elapsed = elapsed;
    }

    public override MessageType MessageType => MessageType.SetReply;
    public string RequestId { get; }

    /// <summary>Property or Desired; unknown (null) for a reply seen by a watch, since both share one topic.</summary>
    public SetKind? Kind { get; }
    public SetStatus Status { get; }
    public bool Success => Status is SetStatus.Succeeded or SetStatus.Accepted;

    /// <summary>The platform's failure code (deviceNotFound, ...) or ours (Timeout, ConnectionLost).</summary>
    public string? Code { get; }
    public string? Message { get; }

    /// <summary>From publish to reply (or to giving up).</summary>
    public TimeSpan? Elapsed { get; }

    public override string Summary => Status switch
    {
        SetStatus.Failed => $"{RequestId} Failed: {Code} {Message}",
        _ => $"{RequestId} {Status}",
    };
}
