using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace OneNetStudio.Core.Topics;

/// <summary>
/// Topics parsed once each, not once per message: a watch receives the same few subscribed topics over and over.
/// Holds at most <c>capacity</c> topics (good and bad alike); past that, topics are parsed without being kept.
/// Thread-safe.
/// </summary>
public sealed class DeviceTopicCache(int capacity)
{
    private readonly ConcurrentDictionary<string, KnownTopic?> _topics = new(StringComparer.Ordinal);
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public bool Contains(string topic) => _topics.ContainsKey(topic);

    /// <summary>The parsed topic; false when <paramref name="topic"/> is not a OneNET device topic.</summary>
    public bool TryGet(string topic, [NotNullWhen(true)] out KnownTopic? known)
    {
        if (_topics.TryGetValue(topic, out known))
        {
            return known is not null;
        }
        known = OneNetTopics.TryParse(topic, out var parsed) ? new KnownTopic(parsed) : null;
        if (Volatile.Read(ref _count) < capacity && _topics.TryAdd(topic, known))
        {
            Interlocked.Increment(ref _count);
        }
        return known is not null;
    }
}
