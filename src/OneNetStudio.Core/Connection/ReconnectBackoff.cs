namespace OneNetStudio.Core.Connection;

/// <summary>
/// The wait before each reconnect attempt: <see cref="Initial"/> doubling up to <see cref="Max"/>, each wait spread by
/// ±<see cref="Jitter"/> so that many clients cut off together do not return together. Not thread-safe: one per
/// connection, used by its reconnect loop only.
/// </summary>
public sealed class ReconnectBackoff
{
    private readonly Random _random;
    private int _failures;

    public ReconnectBackoff(TimeSpan initial, TimeSpan max, double jitter = 0.2, Random? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(initial, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, initial);
        ArgumentOutOfRangeException.ThrowIfNegative(jitter);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(jitter, 1.0);
        Initial = initial;
        Max = max;
        Jitter = jitter;
        _random = random ?? Random.Shared;
    }

    public TimeSpan Initial { get; }
    public TimeSpan Max { get; }
    public double Jitter { get; }

    /// <summary>The wait before the next attempt; each call counts one more failure.</summary>
    public TimeSpan Next()
    {
        var exponent = Math.Min(_failures, 30);
        _failures++;
        var baseDelay = Math.Min(Initial.TotalMilliseconds * Math.Pow(2, exponent), Max.TotalMilliseconds);
        var spread = 1 + Jitter * (2 * _random.NextDouble() - 1);
        return TimeSpan.FromMilliseconds(Math.Min(baseDelay * spread, Max.TotalMilliseconds));
    }

    /// <summary>After a stable period the next outage starts again from <see cref="Initial"/>.</summary>
    public void Reset() => _failures = 0;
}
