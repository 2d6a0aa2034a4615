using System.Collections.Concurrent;

namespace OneNetStudio.Simulator.Engine;

/// <summary>
/// Which topics have subscribers, so that the simulated fleet only produces traffic somebody receives. Tracks each
/// client's topics so a disconnect releases them all.
/// </summary>
internal sealed class SubscriptionIndex
{
    private readonly ConcurrentDictionary<string, int> _subscriberCounts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, HashSet<string>> _topicsByClient = new(StringComparer.Ordinal);

    public bool HasSubscribers(string topic) => _subscriberCounts.TryGetValue(topic, out var count) && count > 0;

    public void Add(string clientId, string topic)
    {
        var topics = _topicsByClient.GetOrAdd(clientId, _ => new HashSet<string>(StringComparer.Ordinal));
        lock (topics)
        {
            if (!topics.Add(topic))
            {
                return;
            }
        }
        _subscriberCounts.AddOrUpdate(topic, 1, (_, count) => count + 1);
    }

    public void Remove(string clientId, string topic)
    {
        if (!_topicsByClient.TryGetValue(clientId, out var topics))
        {
            return;
        }
        lock (topics)
        {
            if (!topics.Remove(topic))
            {
                return;
            }
        }
        Decrement(topic);
    }

    public void RemoveClient(string clientId)
    {
        if (!_topicsByClient.TryRemove(clientId, out var topics))
        {
            return;
        }
        lock (topics)
        {
            foreach (var topic in topics)
            {
                Decrement(topic);
            }
            topics.Clear();
        }
    }

    public void Clear()
    {
        _topicsByClient.Clear();
        _subscriberCounts.Clear();
    }

    private void Decrement(string topic)
    {
        var remaining = _subscriberCounts.AddOrUpdate(topic, 0, (_, count) => Math.Max(0, count - 1));
        if (remaining == 0)
        {
            _subscriberCounts.TryRemove(new KeyValuePair<string, int>(topic, 0));
        }
    }
}
