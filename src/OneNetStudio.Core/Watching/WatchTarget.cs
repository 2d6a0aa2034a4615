using OneNetStudio.Core.Topics;

namespace OneNetStudio.Core.Watching;

/// <summary>A device to watch and the topics that watching it means.</summary>
public sealed record WatchTarget(string ProductId, string DeviceName)
{
    public static IReadOnlyList<string> TopicsFor(IEnumerable<WatchTarget> targets, IReadOnlyCollection<MessageType> types) =>
        targets.SelectMany(t => types.Select(type => OneNetTopics.Build(t.ProductId, t.DeviceName, ToTopicKind(type))))
            .Distinct(StringComparer.Ordinal)
            .ToList();

    public static TopicKind ToTopicKind(MessageType type) => type switch
    {
        MessageType.Lifecycle => TopicKind.Lifecycle,
        MessageType.Property => TopicKind.Property,
        MessageType.Event => TopicKind.Event,
        _ => TopicKind.SetReply,
    };

    public override string ToString() => $"{ProductId}/{DeviceName}";
}
