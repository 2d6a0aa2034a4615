namespace OneNetStudio;

/// <summary>A device went online or offline.</summary>
public sealed class OneNetLifecycleMessage : OneNetMessage
{
    internal OneNetLifecycleMessage(string productId, string deviceName, string topic, DateTimeOffset receivedAt, RawJson json, DeviceStatus status, DateTimeOffset? time)
        : base(productId, deviceName, topic, receivedAt, json)
    {
        Status = status;
        Time = time;
    }

    public override MessageType MessageType => MessageType.Lifecycle;
    public DeviceStatus Status { get; }

    /// <summary>When the platform saw the change.</summary>
    public DateTimeOffset? Time { get; }

    public override string Summary => Status == DeviceStatus.Online ? "online" : "offline";
}
