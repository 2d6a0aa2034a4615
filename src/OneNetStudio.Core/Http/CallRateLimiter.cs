namespace OneNetStudio.Core.Http;

/// <summary>
/// Keeps calls under the platform's limit as the platform counts them: never more than <see cref="Limit"/> calls in
/// any sliding <see cref="Window"/> of arrival times. It keeps a time for each of the last <see cref="Limit"/> calls
/// and lets the next call go only once the oldest of them is a full window old. A call's time is when it was sent,
/// and, once the caller says it ended (<see cref="Release"/>), when it ended: a call arrives at the server somewhere
/// between the two, so calls sent in one burst but delayed on the way (new connections, a slow network) cannot bunch
/// up with the next window's calls at the server. (A call still in flight a full window after it was sent is taken
/// to have arrived.) A token bucket would not do: after a quiet spell it lets a full bucket through at once on top of
/// its steady rate, which the server sees as up to twice the limit within one second. Waiting callers go in turn
/// (first come, first served). Thread-safe; one per client, shared by every call, retries included.
/// </summary>
public sealed class CallRateLimiter : IDisposable
{
    private readonly TimeProvider _clock;
    private readonly long[] _times;
    private readonly long[] _generations;
    private readonly long _windowTicks;
    private readonly object _lock = new();
    private readonly SemaphoreSlim _turn = new(1, 1);
    private long _generation;
    private long _granted;
    private long _delayed;

    public CallRateLimiter(int limit, TimeSpan window, TimeProvider? clock = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        Limit = limit;
        Window = window;
        _clock = clock ?? TimeProvider.System;
        _times = new long[limit];
        _generations = new long[limit];
        Array.Fill(_times, long.MinValue / 2);
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

    /// <summary>Moves the call's time to now, its end: see the class summary. Releasing twice, or a stale slot, does nothing.</summary>
    public void Release(CallRateSlot slot)
    {
        lock (_lock)
        {
            if (slot.Index >= 0 && slot.Index < Limit && _generations[slot.Index] == slot.Generation)
            {
                _times[slot.Index] = Math.Max(_times[slot.Index], _clock.GetTimestamp());
            }
        }
    }

    /// <summary>Takes a slot now if the window has one (release it when the call ends); otherwise says how long until it will.</summary>
    public bool TryAcquire(out TimeSpan wait, out CallRateSlot slot)
    {
        lock (_lock)
        {
            var now = _clock.GetTimestamp();
            var oldest = 0;
            for (var i = 1; i < Limit; i++)
            {
                if (_times[i] < _times[oldest])
                {
                    oldest = i;
                }
            }
            var age = now - _times[oldest];
            if (age < _windowTicks)
            {
                wait = TimeSpan.FromSeconds((double)(_windowTicks - age) / _clock.TimestampFrequency);
                slot = default;
                return false;
            }
            _times[oldest] = now;
            _generations[oldest] = ++_generation;
            Interlocked.Increment(ref _granted);
            wait = TimeSpan.Zero;
            slot = new CallRateSlot(oldest, _generation, now);
            return true;
        }
    }

    /// <summary>
    /// Waits for a slot, in turn with other waiting callers. <see cref="Release"/> the slot when the call has ended
    /// (answer or failure).
    /// </summary>
    public async ValueTask<CallRateSlot> AcquireAsync(CancellationToken cancellationToken = default)
    {
        if (TryAcquireAlone(out var acquired))
        {
            return acquired;
        }
        Interlocked.Increment(ref _delayed);
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            CallRateSlot counted;
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
    private bool TryAcquireAlone(out CallRateSlot slot)
    {
        slot = default;
        if (!_turn.Wait(0))
        {
            return false;
        }
        try
        {
            return TryAcquire(out _, out slot);
        }
        finally
        {
            _turn.Release();
        }
    }
}
