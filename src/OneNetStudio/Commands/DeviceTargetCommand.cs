using System.Management.Automation;
using OneNetStudio.Core.Connection;
using OneNetStudio.Core.Topics;
using OneNetStudio.Core.Watching;
using OneNetStudio.Pipeline;

namespace OneNetStudio.Commands;

/// <summary>
/// What the commands that listen to devices share (Watch-OneNetDevice, Register-OneNetEvent, Show-OneNetDevice): the
/// devices, validated per pipeline item and each kept once, the session, and how refused subscriptions are reported.
/// </summary>
public abstract class DeviceTargetCommand : OneNetCmdlet
{
    private readonly HashSet<WatchTarget> _seen = [];

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ProductIdCompleter))]
    public string ProductId { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(DeviceNameCompleter))]
    public string[] DeviceName { get; set; } = null!;

    [Parameter]
    [PSDefaultValue(Help = "The current session")]
    public OneNetSession? Session { get; set; }

    /// <summary>The valid devices from every pipeline item, each once.</summary>
    protected List<WatchTarget> Targets { get; } = [];

    protected override void ProcessRecord()
    {
        if (Errors.InvalidProductId(ProductId) is { } badProduct)
        {
            WriteError(badProduct);
            return;
        }
        foreach (var name in DeviceName)
        {
            if (Errors.InvalidDeviceName(name) is { } badDevice)
            {
                WriteError(badDevice);
                continue;
            }
            var target = new WatchTarget(ProductId, name);
            if (_seen.Add(target))
            {
                Targets.Add(target);
            }
        }
    }

    /// <summary>
    /// Subscribes <paramref name="queue"/> to <paramref name="topics"/> on the session, reports the devices the platform
    /// refused, and runs <paramref name="listen"/> with the granted topics (not at all when none was granted); the queue
    /// is completed and unsubscribed however it ends.
    /// </summary>
    protected void Listen(OneNetSession session, WatchQueue queue, IReadOnlyList<string> topics, string doing, Action<IReadOnlyList<string>> listen)
    {
        IReadOnlyList<string> subscribed = [];
        try
        {
            var result = Await(session.Connection.SubscribeAsync(queue, topics, StopToken));
            subscribed = result.Granted;
            ReportRefused(result.Refused);
            if (result.Granted.Count == 0)
            {
                return;
            }
            State.RememberDevices(Targets.Select(t => (t.ProductId, t.DeviceName)));
            WriteVerbose($"{doing} {Targets.Count} device(s): {result.Granted.Count} subscription(s) on session {session.Id}.");
            listen(result.Granted);
        }
        catch (OneNetSessionClosedException ex)
        {
            ThrowTerminatingError(Errors.SessionClosed(ex, session));
        }
        finally
        {
            queue.Complete();
            _ = session.Connection.Unsubscribe(queue, subscribed);
        }
    }

    /// <summary>
    /// Asks the platform about <paramref name="devices"/> in the background while the command listens; <paramref name="ask"/>
    /// reports through the pump, since only the pipeline thread writes. The command neither waits for the answer nor
    /// fails without it: a session that names no project is not asked (a verbose line ending in <paramref name="noProject"/>
    /// says so), a failure is a verbose line starting with <paramref name="failure"/>, and once
    /// <paramref name="cancellation"/> says the command ended first, nothing.
    /// </summary>
    private protected void AskPlatformInBackground(OneNetSession session, IReadOnlyList<WatchTarget> devices, string noProject, string failure,
        Func<IReadOnlyList<(string ProductId, string DeviceName)>, PipelinePump, CancellationToken, Task> ask, CancellationToken cancellation)
    {
        if (devices.Count == 0)
        {
            return;
        }
        if (session.ProjectId is null)
        {
            WriteVerbose($"Session {session.Id} names no project, so {noProject}.");
            return;
        }
        var pump = Pump;
        var asked = devices.Select(t => (t.ProductId, t.DeviceName)).ToList();
        _ = Task.Run(async () =>
        {
            try
            {
                await ask(asked, pump, cancellation).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                // The command ended first.
            }
            catch (Exception ex)
            {
                pump.Post(PipelineStream.Verbose, $"{failure}: {ex.Message}");
            }
        }, CancellationToken.None);
    }

    protected void ReportRefused(IReadOnlyList<string> refusedTopics)
    {
        var devices = refusedTopics
            .Select(t => OneNetTopics.TryParse(t, out var topic) ? topic : default)
            .Where(t => t.ProductId is not null)
            .GroupBy(t => new WatchTarget(t.ProductId, t.DeviceName));
        foreach (var device in devices)
        {
            var kinds = string.Join(", ", device.Select(t => t.Kind.ToString().ToLowerInvariant()));
            WriteError(new ErrorRecord(
                new UnauthorizedAccessException($"The platform refused to let this session watch {device.Key} ({kinds}): the account or project group cannot see that device."),
                "OneNetSubscriptionRefused", ErrorCategory.PermissionDenied, device.Key.ToString()));
        }
    }
}
