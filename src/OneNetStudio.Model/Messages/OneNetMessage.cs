namespace OneNetStudio;

/// <summary>What every message from the platform carries: the device, the topic, when it arrived, and the raw JSON.</summary>
public abstract class OneNetMessage
{
    private protected OneNetMessage(string productId, string deviceName, string topic, DateTimeOffset receivedAt, RawJson json)
    {
        ProductId = productId;
        DeviceName = deviceName;
        Topic = topic;
        ReceivedAt = receivedAt;
        _json = json;
    }

    private readonly RawJson _json;

    internal RawJson RawJson => _json;

    public abstract MessageType MessageType { get; }
    public string ProductId { get; }
    public string DeviceName { get; }
    public string Topic { get; }
    public DateTimeOffset ReceivedAt { get; }

    /// <summary>The payload as received.</summary>
    public string Json => _json.Text;

    /// <summary>One line describing the content, for tables.</summary>
    public abstract string Summary { get; }

    public override string ToString() => $"{ProductId}/{DeviceName} {MessageType}: {Summary}";
}
