namespace OneNetStudio.Core.Watching;

/// <summary>
/// Wakes one consumer thread that found nothing to take, straight from the producer's thread. A wait on a channel's
/// WaitToReadAsync costs every hand-over a thread-pool work item that then wakes the consumer (two wake-ups per
/// message when the consumer keeps up); here the producer wakes the consumer itself, and only when it is waiting.
/// </summary>
/// <remarks>
/// The consumer arms the signal, looks at its sources once more, and waits only if they are still empty; a producer
/// makes its item visible first and then calls <see cref="Notify"/>. Full fences on both sides mean that either the
/// consumer's last look sees the item or the producer sees the armed signal. A late wake-up from an earlier round
/// can wake the consumer with nothing to take; consumers loop and look again. Nothing to dispose: the event never
/// needs its kernel handle, so a producer that notifies after the consumer is gone does no harm.
/// </remarks>
public sealed class WakeSignal
{
    // No spinning: on a machine where the producer, the broker and the consumer share two cores, a spinning consumer
    // takes the core the producer needs to produce what it waits for.
    private readonly ManualResetEventSlim _event = new(initialState: false, spinCount: 1);
    // The producers' gate: the first notification after Arm wakes the consumer, the rest cost a read.
    private int _armed;
    // The consumer's own state, from Arm until it runs again; a notification does not clear it.
    private volatile bool _waiting;

    /// <summary>
    /// True from <see cref="Arm"/> until the consumer runs again, including the time between a notification and the
    /// consumer's wake-up, however long a loaded machine makes that: a waiting consumer is not busy elsewhere.
    /// </summary>
    public bool IsWaiting => _waiting;

    /// <summary>Consumer: call before the last look at the sources, then <see cref="Wait"/> if they are empty.</summary>
    public void Arm()
    {
        _event.Reset();
        _waiting = true;
        Interlocked.Exchange(ref _armed, 1);
    }

    /// <summary>Consumer: it found something after all, or woke up.</summary>
    public void Disarm()
    {
        Volatile.Write(ref _armed, 0);
        _waiting = false;
    }

    /// <summary>Producer: after an item became visible (or the source completed).</summary>
    public void Notify()
    {
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref _armed) == 1 && Interlocked.Exchange(ref _armed, 0) == 1)
        {
            _event.Set();
        }
    }

    /// <summary>Consumer: true when notified, false after <paramref name="millisecondsTimeout"/> (-1: no limit).</summary>
    public bool Wait(int millisecondsTimeout, CancellationToken cancellationToken)
    {
        try
        {
            return _event.Wait(millisecondsTimeout, cancellationToken);
        }
        finally
        {
            Disarm();
        }
    }
}
