namespace OneNetStudio.Simulator;

/// <summary>Live counters of the simulator, updated with interlocked operations from any thread.</summary>
internal sealed class SimulatorCounters
{
    public long Connections;
    public long AuthFailures;
    public long Subscriptions;
    public long SubscriptionsRefused;
    public long PublishesRefused;
    public long MessagesOut;
    public long DroppedMessages;
    public long SetsReceived;
    public long DesiredSetsReceived;
    public long SetsAnswered;
    public long BadRequests;
    public long ApiCalls;
    public long ApiCallsRateLimited;
    public long ApiPeakCallsPerSecond;
    public long ApiAuthFailures;
    public long ApiFailures;

    public static void Increment(ref long counter) => Interlocked.Increment(ref counter);

    /// <summary>Raises a high-water mark to <paramref name="value"/> if that is higher.</summary>
    public static void RaiseTo(ref long mark, long value)
    {
        var current = Interlocked.Read(ref mark);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref mark, value, current);
            if (seen == current)
            {
                return;
            }
            current = seen;
        }
    }

    public SimulatorCountersSnapshot Snapshot(int connectedClients) => new()
    {
        Connections = Interlocked.Read(ref Connections),
        ConnectedClients = connectedClients,
        AuthFailures = Interlocked.Read(ref AuthFailures),
        Subscriptions = Interlocked.Read(ref Subscriptions),
        SubscriptionsRefused = Interlocked.Read(ref SubscriptionsRefused),
        PublishesRefused = Interlocked.Read(ref PublishesRefused),
        MessagesOut = Interlocked.Read(ref MessagesOut),
        DroppedMessages = Interlocked.Read(ref DroppedMessages),
        SetsReceived = Interlocked.Read(ref SetsReceived),
        DesiredSetsReceived = Interlocked.Read(ref DesiredSetsReceived),
        SetsAnswered = Interlocked.Read(ref SetsAnswered),
        BadRequests = Interlocked.Read(ref BadRequests),
        ApiCalls = Interlocked.Read(ref ApiCalls),
        ApiCallsRateLimited = Interlocked.Read(ref ApiCallsRateLimited),
        ApiPeakCallsPerSecond = Interlocked.Read(ref ApiPeakCallsPerSecond),
        ApiAuthFailures = Interlocked.Read(ref ApiAuthFailures),
        ApiFailures = Interlocked.Read(ref ApiFailures),
    };
}
