using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace OneNetStudio.Core.Connection;

/// <summary>
/// Reference-counted MQTT subscriptions: one SUBSCRIBE per topic however many listeners share it, and one
/// UNSUBSCRIBE when the last listener leaves, so watches of one device never cancel each other. Lookups on the receive
/// path take no lock.
/// </summary>
internal sealed class SubscriptionTable
{
    private readonly object _gate = new();
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task> _unsubscribing = new(StringComparer.Ordinal);

    internal sealed class Entry(Task<bool> granted)
    {
        public Task<bool> Granted { get; } = granted;
        public ImmutableArray<IMessageListener> Listeners { get; set; } = [];
    }

    public ImmutableArray<IMessageListener> ListenersOf(string topic) =>
        _entries.TryGetValue(topic, out var entry) ? entry.Listeners : [];

    public IReadOnlyCollection<IMessageListener> AllListeners =>
        _entries.Values.SelectMany(e => e.Listeners).Distinct().ToList();

    /// <summary>
    /// Adds <paramref name="listener"/> to each topic. Returns, per topic, the task that says whether the broker granted
    /// it; the topics nobody had subscribed yet (the caller sends their SUBSCRIBE and completes the sources); and the
    /// UNSUBSCRIBEs of those topics still on their way, which the SUBSCRIBE must not overtake.
    /// </summary>
    public (List<(string Topic, Task<bool> Granted)> Waits, List<(string Topic, TaskCompletionSource<bool> Source)> ToSubscribe, List<Task> UnsubscribesFirst) Add(IMessageListener listener, IEnumerable<string> topics)
    {
        var waits = new List<(string, Task<bool>)>();
        var toSubscribe = new List<(string, TaskCompletionSource<bool>)>();
        var unsubscribesFirst = new HashSet<Task>();
        lock (_gate)
        {
            foreach (var topic in topics)
            {
                if (!_entries.TryGetValue(topic, out var entry))
                {
                    var source = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                    entry = new Entry(source.Task);
                    _entries[topic] = entry;
                    toSubscribe.Add((topic, source));
                    if (_unsubscribing.TryGetValue(topic, out var unsubscribe))
                    {
                        unsubscribesFirst.Add(unsubscribe);
                    }
                }
                if (!entry.Listeners.Contains(listener))
                {
                    entry.Listeners = entry.Listeners.Add(listener);
                }
                waits.Add((topic, entry.Granted));
            }
        }
        return (waits, toSubscribe, unsubscribesFirst.ToList());
    }

    /// <summary>
    /// Removes <paramref name="listener"/>; returns the granted topics nobody listens to any more, which are marked as
    /// being unsubscribed until <paramref name="unsubscribed"/> completes.
    /// </summary>
    public List<string> Remove(IMessageListener listener, IEnumerable<string> topics, Task unsubscribed)
    {
        var unused = new List<string>();
        lock (_gate)
        {
            foreach (var topic in topics)
            {
                if (!_entries.TryGetValue(topic, out var entry))
                {
                    continue;
                }
                entry.Listeners = entry.Listeners.Remove(listener);
                if (entry.Listeners.IsEmpty && entry.Granted.IsCompleted)
                {
                    _entries.TryRemove(topic, out _);
                    if (entry.Granted.IsCompletedSuccessfully && entry.Granted.Result)
                    {
                        unused.Add(topic);
                        _unsubscribing[topic] = unsubscribed;
                    }
                }
            }
        }
        return unused;
    }

    /// <summary>The UNSUBSCRIBE marked by <see cref="Remove"/> has been sent (or the link that held them is gone).</summary>
    public void Unsubscribed(IEnumerable<string> topics, Task unsubscribed)
    {
        lock (_gate)
        {
            foreach (var topic in topics)
            {
                if (_unsubscribing.TryGetValue(topic, out var current) && ReferenceEquals(current, unsubscribed))
                {
                    _unsubscribing.Remove(topic);
                }
            }
        }
    }

    /// <summary>Drops a topic the broker no longer grants (refused when restored after a reconnect).</summary>
    public void Drop(string topic)
    {
        lock (_gate)
        {
            _entries.TryRemove(topic, out _);
        }
    }

    /// <summary>Forgets a topic whose SUBSCRIBE was refused or failed, so a later attempt asks the broker again.</summary>
    public void Forget(string topic)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(topic, out var entry) && entry.Granted.IsCompleted && !(entry.Granted.IsCompletedSuccessfully && entry.Granted.Result))
            {
                _entries.TryRemove(topic, out _);
            }
        }
    }

    public int Count => _entries.Count;

    /// <summary>The topics the broker granted: what a reconnect must subscribe again.</summary>
    public IReadOnlyList<string> GrantedTopics() =>
        _entries.Where(e => e.Value.Granted.IsCompletedSuccessfully && e.Value.Granted.Result).Select(e => e.Key).ToList();

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
            _unsubscribing.Clear();
        }
    }
}
