using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Host;
using OneNetStudio.Core.Connection;
using OneNetStudio.Core.Things;
using OneNetStudio.Core.Watching;
using OneNetStudio.Pipeline;
using OneNetStudio.Platform;
using OneNetStudio.View;

namespace OneNetStudio.Commands;

/// <summary>
/// A live table of the fleet for an interactive terminal: one row per device, redrawn in place. The state model and
/// the drawing live in OneNetStudio.View (with Spectre.Console, in the module's own load context); this cmdlet binds
/// the devices, subscribes like Watch-OneNetDevice and folds each message into the view between frames, on the
/// pipeline thread.
/// </summary>
[Cmdlet(VerbsCommon.Show, "OneNetDevice", DefaultParameterSetName = TerminalSet)]
[OutputType(typeof(string), ParameterSetName = [TextSet])]
public sealed class ShowOneNetDeviceCommand : DeviceTargetCommand
{
    private const string TerminalSet = "Terminal";
    private const string TextSet = "Text";
    private static readonly MessageType[] Watched = [OneNetStudio.MessageType.Lifecycle, OneNetStudio.MessageType.Property, OneNetStudio.MessageType.Event];
    private static readonly TimeSpan ThingModelWait = TimeSpan.FromSeconds(5);
    private Action<object>? _onItem;
    private long _malformed;

    /// <summary>Milliseconds between frames.</summary>
    [Parameter]
    [ValidateRange(50, 60_000)]
    [PSDefaultValue(Value = 250)]
    public int RefreshMs { get; set; } = 250;

    /// <summary>End the view after this many seconds.</summary>
    [Parameter]
    [ValidateRange(0.001, 31_536_000.0)]
    [PSDefaultValue(Help = "No limit")]
    public double TimeoutSec { get; set; }

    /// <summary>Write each frame to the pipeline as plain text instead of drawing on the terminal.</summary>
    [Parameter(Mandatory = true, ParameterSetName = TextSet)]
    public SwitchParameter AsString { get; set; }

    [Parameter(ParameterSetName = TextSet)]
    [ValidateRange(40, 1000)]
    [PSDefaultValue(Value = 120)]
    public int Width { get; set; } = 120;

    [Parameter(ParameterSetName = TextSet)]
    [ValidateRange(8, 10_000)]
    [PSDefaultValue(Value = 40)]
    public int Height { get; set; } = 40;

    protected override void BeginProcessing()
    {
        // Before the pipeline upstream pages through a fleet: a host that cannot draw is told at once.
        if (!AsString && CannotDraw() is { } why)
        {
            ThrowTerminatingError(new ErrorRecord(
                new InvalidOperationException($"Show-OneNetDevice draws a live table in an interactive terminal, and this host cannot draw: {why}. "
                    + "In a script, a job, a scheduled run or with redirected output use Watch-OneNetDevice, which writes each message as an object "
                    + "(or Show-OneNetDevice -AsString for the frames as text)."),
                "OneNetLiveViewNeedsTerminal", ErrorCategory.InvalidOperation, Host?.Name));
        }
    }

    protected override void EndProcessing()
    {
        if (Targets.Count == 0)
        {
            return;
        }
        var session = ResolveSession(Session);
        EnsureOpen(session);
        var view = new FleetView();
        foreach (var target in Targets)
        {
            view.Track(target.ProductId, target.DeviceName);
        }
        AddThingModelColumns(session, view);
        var topics = WatchTarget.TopicsFor(Targets, Watched);
        using var queue = new WatchQueue(100_000);
        UsePump(queue);
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(StopToken);
        try
        {
            Listen(session, queue, topics, "Showing", _ =>
            {
                StartStatusRead(session, reading.Token);
                Show(view, session, queue);
            });
        }
        finally
        {
            reading.Cancel();
        }
        if (_malformed > 0)
        {
            WriteWarning($"{_malformed} message(s) could not be read and were left out of the view; Watch-OneNetDevice shows each as an OneNetMalformedMessage error.");
        }
    }

    private void Show(FleetView view, OneNetSession session, WatchQueue queue)
    {
        var frames = new FrameClock(this, view, session, TimeoutSec, _onItem ??= item => Fold(view, item));
        view.Session = Summary(session);
        if (AsString)
        {
            FleetDisplay.RunAsText(view, Width, Height, TimeSpan.FromMilliseconds(RefreshMs), frames.WaitForNextFrame, WriteObject);
        }
        else if (FleetDisplay.RunInTerminal(view, TimeSpan.FromMilliseconds(RefreshMs), frames.WaitForNextFrame) == FleetDisplayEnd.Quit)
        {
            WriteVerbose("q pressed: the view ends.");
        }
        frames.Finish(queue);
    }

    /// <summary>
    /// Asks the platform in the background for the devices' status and last time online, so that a quiet device shows
    /// as online or offline before it says anything; each answer is folded into the view on the pipeline thread.
    /// </summary>
    private void StartStatusRead(OneNetSession session, CancellationToken cancellation) =>
        AskPlatformInBackground(session, Targets, "the devices' status shows once they say something", "Could not read the devices' status from the platform",
            async (devices, pump, cancel) =>
            {
                await foreach (var listed in FleetStatus.ReadAsync(session.Api.Api, devices, cancel).ConfigureAwait(false))
                {
                    pump.PostItem(listed);
                }
            }, cancellation);

    private void Fold(FleetView view, object item)
    {
        if (item is OneNetMessage message)
        {
            view.Apply(message);
        }
        else if (item is ListedStatus listed)
        {
            view.Listed(listed.ProductId, listed.DeviceName, PlatformOutput.Status(listed.Status), listed.LastOnline);
        }
        else if (item is MalformedMessage)
        {
            _malformed++;
        }
    }

    internal static SessionSummary Summary(OneNetSession session) =>
        new($"session {session.Id} ({session.Endpoint})", session.State, session.ReconnectCount);

    /// <summary>The thing model's properties become the columns, in its order; without it (no project, no access) the reports name them.</summary>
    private void AddThingModelColumns(OneNetSession session, FleetView view)
    {
        if (session.ProjectId is null)
        {
            WriteVerbose("The session names no project, so the columns are the properties the devices report.");
            return;
        }
        foreach (var product in Targets.Select(t => t.ProductId).Distinct(StringComparer.Ordinal))
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(StopToken);
            wait.CancelAfter(ThingModelWait);
            try
            {
                var model = Await(session.Api.GetThingModelAsync(product, wait.Token));
                view.AddColumns(model.Properties.Select(p => p.Identifier));
            }
            catch (Exception ex) when (ex is not PipelineStoppedException)
            {
                WriteVerbose($"The thing model of {product} could not be read ({ex.Message}); its columns are the properties the devices report.");
            }
        }
    }

    /// <summary>Null when this process can draw on its terminal; otherwise why not.</summary>
    private string? CannotDraw()
    {
        if (Console.IsOutputRedirected)
        {
            return "its output is redirected";
        }
        if (Host?.Name == "ServerRemoteHost")
        {
            return "it is a remote session";
        }
        try
        {
            var size = Host?.UI?.RawUI?.WindowSize;
            return size is { Width: > 0, Height: > 0 } ? null : "it has no console window";
        }
        catch (Exception ex) when (ex is HostException or NotImplementedException or NotSupportedException or IOException or InvalidOperationException)
        {
            return "it has no console window";
        }
    }

    /// <summary>Between two frames, on the pipeline thread: folds messages into the view until the frame is due.</summary>
    private sealed class FrameClock(ShowOneNetDeviceCommand command, FleetView view, OneNetSession session, double timeoutSec, Action<object> onItem)
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private bool _stopped;
        private bool _closed;

        public bool WaitForNextFrame(TimeSpan refresh)
        {
            var due = _clock.Elapsed + refresh;
            try
            {
                while (true)
                {
                    var until = due;
                    if (timeoutSec > 0 && TimeSpan.FromSeconds(timeoutSec) < until)
                    {
                        until = TimeSpan.FromSeconds(timeoutSec);
                    }
                    var remaining = until - _clock.Elapsed;
                    if (remaining <= TimeSpan.Zero)
                    {
                        view.Session = Summary(session);
                        return until == due;
                    }
                    if (command.Drain(onItem, remaining) == DrainResult.Completed)
                    {
                        _closed = true;
                        view.Session = Summary(session);
                        return false;
                    }
                }
            }
            catch (PipelineStoppedException)
            {
                // Return normally so the display clears the screen and shows the cursor; the stop is rethrown after.
                _stopped = true;
                return false;
            }
        }

        public void Finish(WatchQueue queue)
        {
            if (_stopped)
            {
                throw new PipelineStoppedException();
            }
            if (_closed)
            {
                if (session.LastError is { } lost)
                {
                    command.WriteError(new ErrorRecord(new IOException($"Session {session.Id} ({session.Endpoint}): {lost} The view ends."),
                        "OneNetConnectionLost", ErrorCategory.ConnectionError, session));
                }
                else
                {
                    command.WriteVerbose("The session was closed; the view ends.");
                }
            }
            else if (timeoutSec > 0)
            {
                command.WriteVerbose($"-TimeoutSec {timeoutSec} reached; {view.Messages} message(s) shown, {queue.Dropped} dropped.");
            }
        }
    }
}
