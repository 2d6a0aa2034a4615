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
    // One wait per lane, reused across drains: a new wait per idle poll would leave a waiter behind each time.
    private Task<bool>? _writesReady;
    private Task<bool>? _sourceReady;

    public PipelinePump(IItemSource? source = null) => _source = source;

    /// <summary>Thread-safe. False once the command has ended: the write is dropped.</summary>
    public bool Post(PipelineStream stream, object value) => _writes.Writer.TryWrite(new PipelineWrite(stream, value));

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
        while (true)
        {
            while (_writes.Reader.TryRead(out var write))
            {
                if (write.Stream == PipelineStream.Item)
                {
                    onItem(write.Value);
                    return DrainResult.Item;
                }
                WriteRecord(cmdlet, write);
            }
            if (_source is not null && _source.TryRead(out var sourced))
            {
                onItem(sourced!);
                return DrainResult.Item;
            }
            if (stop.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            var writesDone = _writes.Reader.Completion.IsCompleted;
            var sourceDone = _source is null || _source.IsCompleted;
            // A command with a source lives as long as its source; one without, as long as anything may be posted.
            if (_source is null ? writesDone : sourceDone)
            {
                return DrainResult.Completed;
            }
            if ((wait <= TimeSpan.Zero && wait != Timeout.InfiniteTimeSpan) || !WaitForAny(wait, stop, writesDone, sourceDone))
            {
                return DrainResult.Idle;
            }
        }
    }

    /// <summary>Refuses further posts; what is already queued can still be drained.</summary>
    public void Complete()
    {
        _writes.Writer.TryComplete();
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

    private bool WaitForAny(TimeSpan wait, CancellationToken stop, bool writesDone, bool sourceDone)
    {
        if (!writesDone)
        {
            _writesReady ??= _writes.Reader.WaitToReadAsync().AsTask();
        }
        if (!sourceDone)
        {
            _sourceReady ??= _source!.WaitToReadAsync().AsTask();
        }
        var milliseconds = wait == Timeout.InfiniteTimeSpan ? Timeout.Infinite : (int)Math.Min(wait.TotalMilliseconds, int.MaxValue);
        bool ready;
        try
        {
            ready = (_writesReady, _sourceReady) switch
            {
                ({ } a, { } b) => Task.WaitAny([a, b], milliseconds, stop) >= 0,
                ({ } a, null) => a.Wait(milliseconds, stop),
                (null, { } b) => b.Wait(milliseconds, stop),
                _ => false,
            };
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        if (_writesReady is { IsCompleted: true })
        {
            _writesReady = null;
        }
        if (_sourceReady is { IsCompleted: true })
        {
            _sourceReady = null;
        }
        return ready;
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
