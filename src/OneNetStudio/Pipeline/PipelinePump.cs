using System.Management.Automation;
using System.Threading.Channels;
using OneNetStudio.Core.Connection;
using OneNetStudio.Core.Watching;

namespace OneNetStudio.Pipeline;

/// <summary>
/// The one bridge from background work to the pipeline thread, one per command. Any thread posts writes (an item for
/// the command, or an object, error, warning or verbose record); the pipeline thread drains them, and only it calls
/// Write*. A command may add one bounded <see cref="IItemSource"/> (a watch's queue) whose items are drained the same
/// way. Ctrl+C ends a drain as a stopped pipeline. The rule for what arrives late: once the pump is completed (the
/// command ended), posts are refused and dropped; work whose outcome matters later keeps it elsewhere (the reply book).
/// </summary>
internal sealed class PipelinePump : IDisposable
{
    private readonly Channel<PipelineWrite> _writes = Channel.CreateUnbounded<PipelineWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IItemSource? _source;
    private readonly List<Action> _unfollow = [];
    // One consumer, so the source's signal serves the posts too.
    private readonly WakeSignal _wake;
    private int _handedSinceWait;

    /// <summary>
    /// After this many items without a wait, items come faster than a wake-up per item is worth: a pause of a
    /// millisecond lets them gather, and the producer then wakes nobody. A trickle is handed over at once.
    /// </summary>
    internal const int GatherAfter = 32;

    public PipelinePump(IItemSource? source = null)
    {
        _source = source;
        _wake = source?.Wake ?? new WakeSignal();
    }

    /// <summary>Thread-safe. False once the command has ended: the write is dropped.</summary>
    public bool Post(PipelineStream stream, object value)
    {
        if (!_writes.Writer.TryWrite(new PipelineWrite(stream, value)))
        {
            return false;
        }
        _wake.Notify();
        return true;
    }

    public bool PostItem(object item) => Post(PipelineStream.Item, item);

    /// <summary>Reports the session's link changes through this pump while the command runs (verbose, and warnings for lost data).</summary>
    public void Follow(OneNetSession session)
    {
        void OnStateChanged(OneNetConnection _, ConnectionStateChange change)
        {
            Post(PipelineStream.Verbose, $"Session {session.Id}: {change.Describe()}");
            if (change.State == ConnectionState.Connected && change.Outage is { } outage)
            {
                Post(PipelineStream.Warning, $"Session {session.Id} was disconnected for {outage.TotalSeconds:0.0} s: whatever the platform published meanwhile is lost (it keeps no cache for the application long connection).");
                if (change.Refused > 0)
                {
                    Post(PipelineStream.Warning, $"Session {session.Id}: the platform refused {change.Refused} subscription(s) when they were restored; the account or project group can no longer see those devices, and nothing more will come from them.");
                }
            }
        }
        session.Connection.StateChanged += OnStateChanged;
        lock (_unfollow)
        {
            _unfollow.Add(() => session.Connection.StateChanged -= OnStateChanged);
        }
    }

    /// <summary>
    /// On the pipeline thread: writes every record that is waiting and hands the next item (posted or from the source)
    /// to <paramref name="onItem"/>; waits up to <paramref name="wait"/> when there is none (zero: not at all;
    /// <see cref="Timeout.InfiniteTimeSpan"/>: until something comes).
    /// </summary>
    public DrainResult Drain(Cmdlet cmdlet, Action<object> onItem, TimeSpan wait, CancellationToken stop)
    {
        // Before waiting, the signal is armed and everything looked at once more (see WakeSignal).
        var armed = false;
        while (true)
        {
            while (_writes.Reader.TryRead(out var write))
            {
                // Found something: not waiting (a record's write may block, and a blocked consumer is busy elsewhere).
                Disarm(ref armed);
                if (write.Stream == PipelineStream.Item)
                {
                    _handedSinceWait++;
                    onItem(write.Value);
                    return DrainResult.Item;
                }
                WriteRecord(cmdlet, write);
            }
            if (_source is not null && _source.TryRead(out var sourced))
            {
                Disarm(ref armed);
                _handedSinceWait++;
                onItem(sourced!);
                return DrainResult.Item;
            }
            if (stop.IsCancellationRequested)
            {
                Disarm(ref armed);
                throw new PipelineStoppedException();
            }
            // A command with a source lives as long as its source; one without, as long as anything may be posted.
            if (_source is null ? _writes.Reader.Completion.IsCompleted : _source.IsCompleted)
            {
                Disarm(ref armed);
                return DrainResult.Completed;
            }
            if (wait <= TimeSpan.Zero && wait != Timeout.InfiniteTimeSpan)
            {
                Disarm(ref armed);
                return DrainResult.Idle;
            }
            if (_handedSinceWait >= GatherAfter)
            {
                _handedSinceWait = 0;
                Thread.Sleep(1);
                continue;
            }
            if (!armed)
            {
                _wake.Arm();
                armed = true;
                continue;
            }
            armed = false;
            _handedSinceWait = 0;
            if (!Wait(wait, stop))
            {
                return DrainResult.Idle;
            }
        }
    }

    /// <summary>Refuses further posts; what is already queued can still be drained.</summary>
    public void Complete()
    {
        _writes.Writer.TryComplete();
        _wake.Notify();
        // StopProcessing calls this on another thread than the pipeline's Follow and Dispose.
        lock (_unfollow)
        {
            foreach (var unfollow in _unfollow)
            {
                unfollow();
            }
            _unfollow.Clear();
        }
    }

    public void Dispose() => Complete();

    private void Disarm(ref bool armed)
    {
        if (armed)
        {
            _wake.Disarm();
            armed = false;
        }
    }

    private bool Wait(TimeSpan wait, CancellationToken stop)
    {
        var milliseconds = wait == Timeout.InfiniteTimeSpan ? Timeout.Infinite : (int)Math.Min(Math.Ceiling(wait.TotalMilliseconds), int.MaxValue);
        try
        {
            return _wake.Wait(milliseconds, stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }

    private static void WriteRecord(Cmdlet cmdlet, PipelineWrite write)
    {
        switch (write.Stream)
        {
            case PipelineStream.Output:
                cmdlet.WriteObject(write.Value);
                break;
            case PipelineStream.Error:
                cmdlet.WriteError((ErrorRecord)write.Value);
                break;
            case PipelineStream.Warning:
                cmdlet.WriteWarning((string)write.Value);
                break;
            case PipelineStream.Verbose:
                cmdlet.WriteVerbose((string)write.Value);
                break;
        }
    }
}
