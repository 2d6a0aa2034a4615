namespace OneNetStudio;

/// <summary>The kinds of message an application receives (product.md 2.4).</summary>
public enum MessageType
{
    Lifecycle,
    Property,
    Event,
    SetReply,
}
