namespace OneNetStudio.Core.Connection;

/// <summary>
/// Bounds how far MQTTnet reads ahead of the listeners. MQTTnet's receive loop puts every PUBLISH it reads into an
/// unbounded queue for its dispatcher, so a listener holding back the dispatcher (a full watch queue) never held back
/// the socket: a flood piled up there (131,000 packets in a 200,000-message watch, hundreds of MB, and the queue keeps
/// its largest buffer for the session's life). Counting what was read and not yet dispatched, and pausing the reads
/// beyond <see cref="Limit"/>, leaves the rest in the socket, so TCP holds back the broker, which keeps the messages.
/// Reads resume once half the backlog is dispatched, not at every message. While a ping is unanswered reads go on
/// whatever the backlog: its answer waits behind the messages in the socket, and a ping that seems lost (MQTTnet's
/// keepalive, or <see cref="LinkWatchdog"/>) would drop the link. Thread-safe: one reader, any dispatcher.
/// </summary>
internal sealed class ReadAheadGate
{
    private readonly object _lock = new();
    private int _pending;
    private volatile bool _pingUnanswered;
    private TaskCompletionSource? _room;

    public ReadAheadGate(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        Limit = limit;
    }

    public int Limit { get; }

    /// <summary>Read and not yet dispatched.</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>Before the next read: completes at once while the backlog is under the limit.</summary>
    public ValueTask WaitForRoomAsync(CancellationToken cancellationToken)
    {
        return HasRoom ? default : WaitSlowAsync(cancellationToken);
    }

    /// <summary>A PINGREQ went out: read on until its answer.</summary>
    public void PingSent()
    {
        _pingUnanswered = true;
        Open();
    }

    /// <summary>The PINGRESP was read.</summary>
    public void PingAnswered() => _pingUnanswered = false;

    /// <summary>A PUBLISH was read.</summary>
    public void Read() => Interlocked.Increment(ref _pending);

    /// <summary>A PUBLISH reached the listeners.</summary>
    public void Dispatched()
    {
        var pending = Interlocked.Decrement(ref _pending);
        if (pending < 0)
        {
            // Dispatched from a link that was replaced (see Reset): nothing of the new link's is owed.
            Interlocked.CompareExchange(ref _pending, 0, pending);
            pending = 0;
        }
        if (pending <= Limit / 2 && Volatile.Read(ref _room) is not null)
        {
            Open();
        }
    }

    /// <summary>A new link: MQTTnet drops the old link's queue, so what it held will never be dispatched.</summary>
    public void Reset()
    {
        Volatile.Write(ref _pending, 0);
        _pingUnanswered = false;
        Open();
    }

    private bool HasRoom => _pingUnanswered || Volatile.Read(ref _pending) < Limit;

    private void Open()
    {
        TaskCompletionSource? room;
        lock (_lock)
        {
            room = _room;
            _room = null;
        }
        room?.TrySetResult();
    }

    private async ValueTask WaitSlowAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task wait;
            lock (_lock)
            {
                if (HasRoom)
                {
                    return;
                }
                _room ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                wait = _room.Task;
            }
            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
