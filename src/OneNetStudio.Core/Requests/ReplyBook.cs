namespace OneNetStudio.Core.Requests;

/// <summary>
/// The final replies of recent sets by requestId, so a script that sent with -NoWait can collect them later. Bounded
/// both ways: at most <see cref="Capacity"/> entries, none older than <see cref="MaxAge"/>.
/// </summary>
public sealed class ReplyBook
{
    private readonly Dictionary<string, Entry> _byRequestId = new(StringComparer.Ordinal);
    private readonly Queue<Entry> _order = new();
    private readonly TimeProvider _clock;
    private readonly object _gate = new();

    public ReplyBook(int capacity, TimeSpan maxAge, TimeProvider clock)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        MaxAge = maxAge;
        _clock = clock;
    }

    public int Capacity { get; }
    public TimeSpan MaxAge { get; }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                Expire(_clock.GetUtcNow());
                return _byRequestId.Count;
            }
        }
    }

    public void Add(OneNetSetReply reply)
    {
        var now = _clock.GetUtcNow();
        lock (_gate)
        {
            Expire(now);
            var entry = new Entry(reply, now);
            _byRequestId[reply.RequestId] = entry;
            _order.Enqueue(entry);
            while (_order.Count > Capacity)
            {
                Drop(_order.Dequeue());
            }
        }
    }

    public bool TryGet(string requestId, out OneNetSetReply? reply)
    {
        lock (_gate)
        {
            Expire(_clock.GetUtcNow());
            reply = _byRequestId.TryGetValue(requestId, out var entry) ? entry.Reply : null;
            return reply is not null;
        }
    }

    /// <summary>Every reply in the book, newest first (a requestId sent again shows its latest reply only).</summary>
    public IReadOnlyList<OneNetSetReply> Newest()
    {
        lock (_gate)
        {
            Expire(_clock.GetUtcNow());
            return _order.Where(e => _byRequestId.TryGetValue(e.Reply.RequestId, out var current) && ReferenceEquals(current, e))
                .Select(e => e.Reply).Reverse().ToList();
        }
    }

    private void Expire(DateTimeOffset now)
    {
        while (_order.TryPeek(out var oldest) && now - oldest.AddedAt > MaxAge)
        {
            Drop(_order.Dequeue());
        }
    }

    // A requestId reused later has a newer entry in the dictionary: only drop the one this queue slot added.
    private void Drop(Entry entry)
    {
        if (_byRequestId.TryGetValue(entry.Reply.RequestId, out var current) && ReferenceEquals(current, entry))
        {
            _byRequestId.Remove(entry.Reply.RequestId);
        }
    }

    private sealed record Entry(OneNetSetReply Reply, DateTimeOffset AddedAt);
}
