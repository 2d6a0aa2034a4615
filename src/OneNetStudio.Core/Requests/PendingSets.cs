using System.Collections.Concurrent;

namespace OneNetStudio.Core.Requests;

/// <summary>The sets in flight, by requestId. A requestId may be in flight only once.</summary>
internal sealed class PendingSets
{
    private readonly ConcurrentDictionary<string, PendingSet> _byRequestId = new(StringComparer.Ordinal);

    public int Count => _byRequestId.Count;

    public bool TryAdd(PendingSet pending) => _byRequestId.TryAdd(pending.RequestId, pending);

    public bool TryGet(string requestId, out PendingSet? pending) => _byRequestId.TryGetValue(requestId, out pending);

    /// <summary>Removes exactly this entry (not a newer request that reused the id).</summary>
    public void Remove(PendingSet pending) => _byRequestId.TryRemove(new KeyValuePair<string, PendingSet>(pending.RequestId, pending));

    /// <summary>Fails every set in flight; with <paramref name="onlyOnTheWire"/>, only those already published.</summary>
    public void FailAll(string code, string message, bool onlyOnTheWire = false)
    {
        foreach (var pending in _byRequestId.Values)
        {
            if (!onlyOnTheWire || pending.OnTheWire)
            {
                pending.TryFail(code, message);
            }
        }
    }
}
