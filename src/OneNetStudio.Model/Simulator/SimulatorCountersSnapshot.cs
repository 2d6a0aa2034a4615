namespace OneNetStudio;

/// <summary>The simulator's counters at one moment (in the public model, so scripts can name the type).</summary>
public sealed class SimulatorCountersSnapshot
{
    public long Connections { get; init; }
    public int ConnectedClients { get; init; }
    public long AuthFailures { get; init; }
    public long Subscriptions { get; init; }
    public long SubscriptionsRefused { get; init; }
    public long PublishesRefused { get; init; }
    public long MessagesOut { get; init; }
    public long DroppedMessages { get; init; }
    public long SetsReceived { get; init; }
    public long DesiredSetsReceived { get; init; }
    public long SetsAnswered { get; init; }
    public long BadRequests { get; init; }
}
