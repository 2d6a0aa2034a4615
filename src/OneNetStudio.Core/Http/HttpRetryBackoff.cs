namespace OneNetStudio.Core.Http;

/// <summary>
/// The wait before each retry of one call: <see cref="Initial"/> doubling per retry up to <see cref="Max"/>, drawn
/// from [half, all] of that so calls that failed together do not come back together. A server's
/// <c>Retry-After</c> is honoured up to <see cref="Max"/>. Thread-safe.
/// </summary>
internal sealed class HttpRetryBackoff(TimeSpan initial, TimeSpan max, Random? random)
{
    private const double Jitter = 0.5;
    private readonly object _lock = new();

    public TimeSpan Initial { get; } = initial;
    public TimeSpan Max { get; } = max;

    /// <summary>The wait before retry number <paramref name="retry"/> (1 for the first).</summary>
    public TimeSpan Delay(int retry, TimeSpan? retryAfter = null)
    {
        var nominal = Math.Min(Initial.TotalMilliseconds * Math.Pow(2, Math.Clamp(retry - 1, 0, 30)), Max.TotalMilliseconds);
        var jittered = TimeSpan.FromMilliseconds(nominal * (1 - Jitter * NextDouble()));
        if (retryAfter is { } asked && asked > jittered)
        {
            return asked < Max ? asked : Max;
        }
        return jittered;
    }

    // Random is not thread-safe; Random.Shared is, but a seeded one (tests) is not.
    private double NextDouble()
    {
        if (random is null)
        {
            return Random.Shared.NextDouble();
        }
        lock (_lock)
        {
            return random.NextDouble();
        }
    }
}
