using System.Management.Automation;
using OneNetStudio.Core.Connection;
using OneNetStudio.Core.Watching;
using OneNetStudio.Pipeline;
using OneNetStudio.State;

namespace OneNetStudio.Commands;

/// <summary>
/// Base of every cmdlet: waits for the core's tasks on the pipeline thread, turns Ctrl+C (StopProcessing) into
/// cancellation, and resolves the session to use.
/// </summary>
public abstract class OneNetCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private PipelinePump? _pump;

    protected CancellationToken StopToken => _stopping.Token;

    internal static RunspaceState State => RunspaceState.Current;

    /// <summary>The command's one bridge from background work to the pipeline thread (see <see cref="PipelinePump"/>).</summary>
    internal PipelinePump Pump => _pump ??= new PipelinePump();

    /// <summary>Gives the pump a bounded source of items (a watch's queue); call before the first use of <see cref="Pump"/>.</summary>
    internal void UsePump(IItemSource source)
    {
        if (_pump is not null)
        {
            throw new InvalidOperationException("The pump is already in use.");
        }
        _pump = new PipelinePump(source);
    }

    /// <summary>Writes what background work posted and hands the next item to <paramref name="onItem"/>; Ctrl+C ends it.</summary>
    internal DrainResult Drain(Action<object> onItem, TimeSpan wait) => Pump.Drain(this, onItem, wait, StopToken);

    /// <summary>Cancels the command's background work without stopping the pipeline (the pipeline ended some other way).</summary>
    private protected void CancelCalls() => _stopping.Cancel();

    protected override void StopProcessing()
    {
        _stopping.Cancel();
        _pump?.Complete();
    }

    /// <summary>Waits for <paramref name="task"/>; Ctrl+C ends the wait as a stopped pipeline.</summary>
    protected T Await<T>(Task<T> task)
    {
        try
        {
            return task.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }

    protected void Await(Task task) => Await(AsTrue(task));

    /// <summary>The given session, or the runspace's current one; a terminating error when there is none.</summary>
    internal OneNetSession ResolveSession(OneNetSession? given)
    {
        var session = given ?? State.CurrentSession;
        if (session is null)
        {
            ThrowTerminatingError(Errors.NoSession());
        }
        return session!;
    }

    /// <summary>A terminating OneNetSessionClosed error when <paramref name="session"/> is closed (by the user or for good).</summary>
    internal void EnsureOpen(OneNetSession session)
    {
        try
        {
            session.Connection.EnsureOpen();
        }
        catch (OneNetSessionClosedException ex)
        {
            ThrowTerminatingError(Errors.SessionClosed(ex, session));
        }
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>PowerShell disposes every cmdlet when its pipeline ends, however it ends (Ctrl+C, -ErrorAction Stop).</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _pump?.Complete();
            _stopping.Dispose();
        }
    }

    private static async Task<bool> AsTrue(Task task)
    {
        await task.ConfigureAwait(false);
        return true;
    }
}
