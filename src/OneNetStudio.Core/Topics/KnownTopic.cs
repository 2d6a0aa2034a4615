namespace OneNetStudio.Core.Topics;

/// <summary>A device topic parsed once, with its product and device names also as UTF-8 to match payload fields against.</summary>
public sealed class KnownTopic
{
    public KnownTopic(DeviceTopic topic)
    {
        Topic = topic;
        ProductIdUtf8 = System.Text.Encoding.UTF8.GetBytes(topic.ProductId);
        DeviceNameUtf8 = System.Text.Encoding.UTF8.GetBytes(topic.DeviceName);
    }

    public DeviceTopic Topic { get; }
    public TopicKind Kind => Topic.Kind;
    public string ProductId => Topic.ProductId;
    public string DeviceName => Topic.DeviceName;
    public byte[] ProductIdUtf8 { get; }
    public byte[] DeviceNameUtf8 { get; }
}
