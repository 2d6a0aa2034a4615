namespace OneNetStudio.Simulator.Api;

/// <summary>
/// One IP's calls within the last second (a sliding window, by arrival time): every arrival, to measure the rate,
/// and the admitted ones, to enforce the limit. Refused calls do not take a place, so a client that backs off gets in
/// as soon as the window has room. Guarded by the limiter's lock.
/// </summary>
internal sealed class ApiCallWindow
{
    private readonly Queue<long> _arrivals = new();
    private readonly Queue<long> _admitted = new();

    /// <summary>Counts an arrival at <paramref name="now"/>; true when fewer than <paramref name="limit"/> were admitted in the second before it (limit 0: always).</summary>
    public bool TryAdmit(long now, long oneSecond, int limit, out int arrivalsInLastSecond)
    {
        Forget(_arrivals, now - oneSecond);
        Forget(_admitted, now - oneSecond);
        _arrivals.Enqueue(now);
        arrivalsInLastSecond = _arrivals.Count;
        if (limit > 0 && _admitted.Count >= limit)
        {
            return false;
        }
        _admitted.Enqueue(now);
        return true;
    }

    // The window is (now - 1 s, now]: a call exactly one second older has left it.
    private static void Forget(Queue<long> times, long before)
    {
        while (times.Count > 0 && times.Peek() <= before)
        {
            times.Dequeue();
        }
    }
}
