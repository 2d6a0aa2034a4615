namespace OneNetStudio.Core.Connection;

/// <summary>
/// The wait before each reconnect attempt of one outage. The platform keeps nothing for a disconnected application,
/// so every second spent waiting is data lost: the first attempts come fast (<see cref="Initial"/> doubling up to
/// <see cref="FastCeiling"/>) for as long as the outage is younger than <see cref="FastPhase"/>; only an outage that
/// outlasts it backs off further, doubling from there up to <see cref="Max"/>. Each wait is drawn from
/// [(1 − <see cref="Jitter"/>) × nominal, nominal], so clients cut off together spread out, at the cap too.
/// Not thread-safe: one per connection, used by its reconnect loop (and reset before that loop starts).
/// </summary>
public sealed class ReconnectBackoff
{
    private readonly TimeProvider _clock;
    private readonly Random _random;
    private long? _outageStartedAt;
    private int _fastFailures;
    private int _slowFailures;

    public ReconnectBackoff(TimeSpan initial, TimeSpan fastCeiling, TimeSpan fastPhase, TimeSpan max, double jitter = 0.5,
        TimeProvider? clock = null, Random? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(initial, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(fastCeiling, initial);
        ArgumentOutOfRangeException.ThrowIfLessThan(fastPhase, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, fastCeiling);
        ArgumentOutOfRangeException.ThrowIfNegative(jitter);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(jitter, 1.0);
        Initial = initial;
        FastCeiling = fastCeiling;
        FastPhase = fastPhase;
        Max = max;
        Jitter = jitter;
        _clock = clock ?? TimeProvider.System;
        _random = random ?? Random.Shared;
    }

    public TimeSpan Initial { get; }
    public TimeSpan FastCeiling { get; }
    public TimeSpan FastPhase { get; }
    public TimeSpan Max { get; }
    public double Jitter { get; }

    /// <summary>The wait before the next attempt; each call counts one more failed (or flapping) attempt of this outage.</summary>
    public TimeSpan Next()
    {
        var now = _clock.GetTimestamp();
        _outageStartedAt ??= now;
        double nominalMs;
        if (_clock.GetElapsedTime(_outageStartedAt.Value, now) < FastPhase)
        {
            nominalMs = Math.Min(Initial.TotalMilliseconds * Math.Pow(2, Math.Min(_fastFailures, 30)), FastCeiling.TotalMilliseconds);
            _fastFailures++;
        }
        else
        {
            _slowFailures++;
            nominalMs = Math.Min(FastCeiling.TotalMilliseconds * Math.Pow(2, Math.Min(_slowFailures, 30)), Max.TotalMilliseconds);
        }
        return TimeSpan.FromMilliseconds(nominalMs * (1 - Jitter * _random.NextDouble()));
    }

    /// <summary>The link was up long enough to count as restored: the next outage starts from <see cref="Initial"/>.</summary>
    public void Reset()
    {
        _outageStartedAt = null;
        _fastFailures = 0;
        _slowFailures = 0;
    }
}
