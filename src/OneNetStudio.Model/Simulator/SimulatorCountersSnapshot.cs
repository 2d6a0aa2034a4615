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

    /// <summary>HTTP API calls that arrived, refused ones included.</summary>
    public long ApiCalls { get; init; }

    /// <summary>API calls refused with HTTP 429 because the IP had made its limit of calls in the last second.</summary>
    public long ApiCallsRateLimited { get; init; }

    /// <summary>The most API calls that arrived from one IP within any one second (a sliding window), refused ones included.</summary>
    public long ApiPeakCallsPerSecond { get; init; }

    /// <summary>API calls refused with authPermissionDeny (no, malformed, expired or wrongly signed token).</summary>
    public long ApiAuthFailures { get; init; }

    /// <summary>API calls answered with a failure envelope or a non-2xx status (rate-limited and auth failures included).</summary>
    public long ApiFailures { get; init; }
}
