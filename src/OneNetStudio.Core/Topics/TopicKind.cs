namespace OneNetStudio.Core.Topics;

/// <summary>The per-device topics of the application long connection (product.md 2.3).</summary>
public enum TopicKind
{
    Lifecycle,
    Property,
    Event,
    PropertySet,
    DesiredSet,
    SetReply,
}
