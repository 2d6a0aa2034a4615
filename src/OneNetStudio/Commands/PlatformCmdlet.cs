using System.Diagnostics;
using System.Management.Automation;
using OneNetStudio.Core.Connection;
using OneNetStudio.Core.Http;
using OneNetStudio.Pipeline;
using OneNetStudio.Platform;

namespace OneNetStudio.Commands;

/// <summary>
/// Base of the cmdlets that ask the platform over its HTTP API (product.md 3.1). Calls run in the background, at most
/// <see cref="MaxInFlight"/> at once, and post what they found through the command's <see cref="PipelinePump"/>;
/// the pipeline thread writes it. A failed call is a non-terminating error with the platform's code and the device as
/// target, and the batch goes on. Lists are streamed on the pipeline thread, page by page. Every call of every
/// command of a session shares the session's rate limiter, so no -ThrottleLimit can exceed the platform's limit.
/// </summary>
public abstract class PlatformCmdlet : OneNetCmdlet
{
    private static readonly TimeSpan ProgressAfter = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromMilliseconds(250);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _lastProgress;
    private OneNetSession? _session;
    private Action<object>? _onFinished;
    private int _inFlight;
    private int _started;
    private int _finished;

    [Parameter]
    [PSDefaultValue(Help = "The current session")]
    public OneNetSession? Session { get; set; }

    /// <summary>Whether the command's calls act inside a project (every application API does; the thing model does not).</summary>
    protected virtual bool NeedsProject => true;

    /// <summary>Calls in flight at most; commands with -ThrottleLimit return it.</summary>
    protected virtual int MaxInFlight => 1;

    /// <summary>The session, resolved on first use: a terminating error when there is none, it is closed, or it has no project.</summary>
    internal OneNetSession PlatformSession => _session ??= OpenSession();

    internal IOneNetApi Api => PlatformSession.Api.Api;

    internal OneNetApiChannel Channel => PlatformSession.Api;

    /// <summary>
    /// Runs <paramref name="call"/> in the background; while <see cref="MaxInFlight"/> calls are running, writes what
    /// the first to end found before starting it. Its failure is written as an error about <paramref name="target"/>.
    /// </summary>
    internal void StartCall(object? target, string? about, Func<PlatformCall, Task> call)
    {
        _ = PlatformSession;
        while (_inFlight >= MaxInFlight)
        {
            WriteFinished(block: true);
        }
        var pump = Pump;
        var context = new PlatformCall(pump, StopToken);
        _inFlight++;
        _started++;
        Task.Run(() => call(context), StopToken).ContinueWith(
            (ended, state) => ((PipelinePump)state!).PostItem(new PlatformCallFinished(ended, target, about)),
            pump, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        WriteFinished(block: false);
    }

    /// <summary>Writes every item of a paged list as it arrives, on the pipeline thread; a failure is an error about <paramref name="target"/>.</summary>
    internal bool WriteAll<T>(IAsyncEnumerable<T> items, Func<T, object> toOutput, object? target, string? about) =>
        ForEach(items, item => WriteObject(toOutput(item)), target, about);

    /// <summary>
    /// Hands every item of a paged list to <paramref name="onItem"/> as it arrives, on the pipeline thread (the next
    /// page is asked for only when this one is done); a failure is an error about <paramref name="target"/>.
    /// </summary>
    /// <returns>False when the list ended in an error (written).</returns>
    internal bool ForEach<T>(IAsyncEnumerable<T> items, Action<T> onItem, object? target, string? about)
    {
        _ = PlatformSession;
        var enumerator = items.GetAsyncEnumerator(StopToken);
        try
        {
            while (Await(enumerator.MoveNextAsync().AsTask()))
            {
                onItem(enumerator.Current);
                WriteFinished(block: false);
            }
            return true;
        }
        catch (Exception ex) when (ErrorFor(ex, target, about) is { } error)
        {
            WriteError(error);
            return false;
        }
        finally
        {
            try
            {
                Await(enumerator.DisposeAsync().AsTask());
            }
            catch (PipelineStoppedException)
            {
                // Stopping already: nothing left to release but the page in hand.
            }
        }
    }

    /// <summary>Waits for one call on the pipeline thread (for commands that need the answer before going on).</summary>
    internal bool TryAwait<T>(Task<T> task, object? target, string? about, out T result)
    {
        try
        {
            result = Await(task);
            return true;
        }
        catch (Exception ex) when (ErrorFor(ex, target, about) is { } error)
        {
            WriteError(error);
            result = default!;
            return false;
        }
    }

    protected override void EndProcessing() => WaitForCalls();

    /// <summary>Writes what the running calls find until the last has ended.</summary>
    internal void WaitForCalls()
    {
        while (_inFlight > 0)
        {
            WriteFinished(block: true);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // The pipeline ended (-ErrorAction Stop, a downstream Select-Object -First): calls still running are not wanted.
            CancelCalls();
        }
        base.Dispose(disposing);
    }

    private OneNetSession OpenSession()
    {
        var session = ResolveSession(Session);
        EnsureOpen(session);
        if (NeedsProject && session.ProjectId is null)
        {
            ThrowTerminatingError(Errors.ProjectRequired(session, MyInvocation.MyCommand.Name));
        }
        return session;
    }

    private void WriteFinished(bool block)
    {
        var wait = block && _inFlight > 0 ? ProgressEvery : TimeSpan.Zero;
        while (Drain(_onFinished ??= OnFinished, wait) == DrainResult.Item)
        {
            wait = TimeSpan.Zero;
        }
        ReportProgress();
    }

    private void OnFinished(object item)
    {
        var finished = (PlatformCallFinished)item;
        _inFlight--;
        _finished++;
        if (finished.Call.Exception?.InnerException is { } failure)
        {
            if (ErrorFor(failure, finished.Target, finished.About) is { } error)
            {
                WriteError(error);
                return;
            }
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
    }

    /// <summary>The error record for a call's failure; null for what is not a failure of the call (Ctrl+C) or is a bug.</summary>
    private ErrorRecord? ErrorFor(Exception ex, object? target, string? about) => ex switch
    {
        OneNetApiException api => Errors.Api(api, target, about),
        OneNetProjectRequiredException => Errors.ProjectRequired(PlatformSession, MyInvocation.MyCommand.Name),
        OneNetSessionClosedException closed => Errors.SessionClosed(closed, PlatformSession),
        OperationCanceledException when StopToken.IsCancellationRequested => null,
        _ => null,
    };

    private void ReportProgress()
    {
        var now = _clock.Elapsed;
        if (now < ProgressAfter || now - _lastProgress < ProgressEvery || _started < 2)
        {
            return;
        }
        _lastProgress = now;
        WriteProgress(new ProgressRecord(2, MyInvocation.MyCommand.Name, $"{_finished} of {_started} answered, {_inFlight} waiting")
        {
            PercentComplete = (int)(100L * _finished / _started),
        });
    }
}
