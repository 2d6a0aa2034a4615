namespace OneNetStudio.Core.Http;

/// <summary>
/// Keeps calls under the platform's limit as the platform counts them: never more than <see cref="Limit"/> calls in
/// any sliding <see cref="Window"/>. It keeps the send times of the last <see cref="Limit"/> calls and lets the next
/// call go only once the oldest of them is a full window old. A token bucket would not do: after a quiet spell it
/// lets a full bucket through at once on top of its steady rate, which the server sees as up to twice the limit
/// within one second. Waiting callers go in turn (first come, first served). Thread-safe; one per client, shared by
/// every call, retries included.
/// </summary>
public sealed class CallRateLimiter : IDisposable
{
    private readonly TimeProvider _clock;
    private readonly long[] _sendTimes;
    private readonly long _windowTicks;
    private readonly object _lock = new();
    private readonly SemaphoreSlim _turn = new(1, 1);
    private int _next;
    private int _count;
    private long _granted;
    private long _delayed;

    public CallRateLimiter(int limit, TimeSpan window, TimeProvider? clock = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        Limit = limit;
        Window = window;
        _clock = clock ?? TimeProvider.System;
        _sendTimes = new long[limit];
        _windowTicks = (long)Math.Ceiling(window.TotalSeconds * _clock.TimestampFrequency);
    }

    public int Limit { get; }
    public TimeSpan Window { get; }

    /// <summary>Calls let through so far.</summary>
    public long Granted => Interlocked.Read(ref _granted);

    /// <summary>Calls that could not go at once: the window was full, or others were already waiting.</summary>
    public long Delayed => Interlocked.Read(ref _delayed);

    /// <summary>
    /// Takes a slot now if the window has one; otherwise says how long until it will. Does not queue: callers that
    /// want to wait use <see cref="AcquireAsync"/>.
    /// </summary>
    public bool TryAcquire(out TimeSpan wait) => TryAcquire(out wait, out _);

    private bool TryAcquire(out TimeSpan wait, out long sentAt)
    {
        lock (_lock)
        {
            var now = _clock.GetTimestamp();
            if (_count == Limit)
            {
                // _next is also the oldest of the last Limit send times.
                var age = now - _sendTimes[_next];
                if (age < _windowTicks)
                {
                    wait = TimeSpan.FromSeconds((double)(_windowTicks - age) / _clock.TimestampFrequency);
                    sentAt = 0;
                    return false;
                }
            }
            _sendTimes[_next] = now;
            _next = (_next + 1) % Limit;
            _count = Math.Min(_count + 1, Limit);
            Interlocked.Increment(ref _granted);
            wait = TimeSpan.Zero;
            sentAt = now;
            return true;
        }
    }

    /// <summary>
    /// Waits for a slot, in turn with other waiting callers. Returns the timestamp (<see cref="TimeProvider.GetTimestamp"/>
    /// of the limiter's clock) the call is counted at.
    /// </summary>
    public async ValueTask<long> AcquireAsync(CancellationToken cancellationToken = default)
    {
        if (TryAcquireAlone(out var sentAt))
        {
            return sentAt;
        }
        Interlocked.Increment(ref _delayed);
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            long counted;
            while (!TryAcquire(out var wait, out counted))
            {
                // Whole milliseconds, rounded up: timers truncate, and waking a fraction early only spins.
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds)), _clock, cancellationToken).ConfigureAwait(false);
            }
            return counted;
        }
        finally
        {
            _turn.Release();
        }
    }

    public void Dispose() => _turn.Dispose();

    // The fast path: nobody is waiting and the window has room. A caller that finds others waiting queues behind them.
    private bool TryAcquireAlone(out long sentAt)
    {
        sentAt = 0;
        if (!_turn.Wait(0))
        {
            return false;
        }
        try
        {
            return TryAcquire(out _, out sentAt);
        }
        finally
        {
            _turn.Release();
        }
    }
}
