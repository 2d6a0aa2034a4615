using System.Diagnostics;
using System.Management.Automation;
using OneNetStudio.Core.Connection;
using OneNetStudio.Core.Things;
using OneNetStudio.Core.Topics;
using OneNetStudio.Core.Watching;
using OneNetStudio.Pipeline;

namespace OneNetStudio.Commands;

[Cmdlet(VerbsCommon.Watch, "OneNetDevice")]
[OutputType(typeof(OneNetLifecycleMessage), typeof(OneNetPropertyMessage), typeof(OneNetEventMessage), typeof(OneNetSetReply), typeof(OneNetPropertyValue))]
public sealed class WatchOneNetDeviceCommand : DeviceListenerCommand
{
    private static readonly TimeSpan DropWarningInterval = TimeSpan.FromSeconds(5);
    private long _reportedDrops;
    private int _delivered;
    private Action<object>? _onItem; // one delegate for the whole watch, not one per message

    /// <summary>Stop after this many messages.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    [PSDefaultValue(Help = "No limit")]
    public int Count { get; set; }

    /// <summary>Stop after this many seconds.</summary>
    [Parameter]
    [ValidateRange(0.001, 31_536_000.0)]
    [PSDefaultValue(Help = "No limit")]
    public double TimeoutSec { get; set; }

    /// <summary>One OneNetPropertyValue row per reported property instead of the property message.</summary>
    [Parameter]
    public SwitchParameter Expand { get; set; }

    /// <summary>Messages held for a slow pipeline; when they are all waiting, the session holds back the broker.</summary>
    [Parameter]
    [ValidateRange(1, 10_000_000)]
    [PSDefaultValue(Value = 10_000)]
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>How long a full queue may hold back the session per message before dropping it; 0 drops at once.</summary>
    [Parameter]
    [ValidateRange(0.0, 60.0)]
    [PSDefaultValue(Value = 2.0)]
    public double BackpressureSec { get; set; } = WatchQueue.DefaultMaxBackpressure.TotalSeconds;

    protected override void EndProcessing()
    {
        if (Targets.Count == 0)
        {
            return;
        }
        var session = ResolveSession(Session);
        var topics = Topics();
        using var queue = new WatchQueue(QueueCapacity, TimeSpan.FromSeconds(BackpressureSec));
        UsePump(queue);
        Pump.Follow(session);
        using var checking = CancellationTokenSource.CreateLinkedTokenSource(StopToken);
        try
        {
            Listen(session, queue, topics, "Watching", granted =>
            {
                StartUnknownDeviceCheck(session, Granted(granted), checking.Token);
                Drain(queue, session);
            });
        }
        finally
        {
            checking.Cancel();
            ReportDrops(queue, force: true);
        }
    }

    /// <summary>The targets the platform let this session subscribe to (a refused one was reported already).</summary>
    private List<WatchTarget> Granted(IReadOnlyList<string> grantedTopics)
    {
        var granted = grantedTopics
            .Select(t => OneNetTopics.TryParse(t, out var topic) ? new WatchTarget(topic.ProductId, topic.DeviceName) : null)
            .OfType<WatchTarget>()
            .ToHashSet();
        return Targets.Where(granted.Contains).ToList();
    }

    /// <summary>
    /// Asks the platform in the background whether the watched devices exist, and warns once of those it does not
    /// know: nothing would ever come from them. The watch neither waits for the answer nor fails without it.
    /// </summary>
    private void StartUnknownDeviceCheck(OneNetSession session, List<WatchTarget> targets, CancellationToken cancellation) =>
        AskPlatformInBackground(session, targets, "whether the watched devices exist cannot be asked", "Could not ask the platform whether the watched devices exist",
            async (devices, pump, cancel) =>
            {
                var unknown = await DeviceExistence.FindUnknownAsync(session.Api.Api, devices, cancel).ConfigureAwait(false);
                pump.Post(unknown.Count == 0 ? PipelineStream.Verbose : PipelineStream.Warning, unknown.Count == 0
                    ? $"The platform knows all {devices.Count} watched device(s)."
                    : UnknownDevicesWarning(unknown, devices.Count));
            }, cancellation);

    private static string UnknownDevicesWarning(IReadOnlyList<(string ProductId, string DeviceName)> unknown, int watched)
    {
        const int Named = 10;
        var names = string.Join(", ", unknown.Take(Named).Select(d => $"{d.ProductId}/{d.DeviceName}"));
        var more = unknown.Count > Named ? $" and {unknown.Count - Named} more" : "";
        return $"The platform does not know {unknown.Count} of the {watched} watched device(s): {names}{more}. Nothing will come from them; check the names with Get-OneNetDevice.";
    }

    private void Drain(WatchQueue queue, OneNetSession session)
    {
        var clock = Stopwatch.StartNew();
        var deadline = TimeoutSec > 0 ? TimeSpan.FromSeconds(TimeoutSec) : (TimeSpan?)null;
        var lastDropWarning = TimeSpan.Zero;
        _delivered = 0;
        while (Count == 0 || _delivered < Count)
        {
            var wait = DropWarningInterval;
            if (deadline is { } end)
            {
                var remaining = end - clock.Elapsed;
                if (remaining <= TimeSpan.Zero)
                {
                    WriteVerbose($"-TimeoutSec {TimeoutSec} reached after {_delivered} message(s).");
                    return;
                }
                wait = remaining < wait ? remaining : wait;
            }
            if (Drain(_onItem ??= OnItem, wait) == DrainResult.Completed)
            {
                if (session.LastError is { } lost)
                {
                    WriteError(new ErrorRecord(new IOException($"Session {session.Id} ({session.Endpoint}): {lost} The watch ends."),
                        "OneNetConnectionLost", ErrorCategory.ConnectionError, session));
                }
                else
                {
                    WriteVerbose("The session was closed; the watch ends.");
                }
                return;
            }
            if (clock.Elapsed - lastDropWarning >= DropWarningInterval && ReportDrops(queue, force: false))
            {
                lastDropWarning = clock.Elapsed;
            }
        }
    }

    private void OnItem(object item)
    {
        if (item is OneNetMessage message)
        {
            _delivered++;
            Write(message);
        }
        else if (item is MalformedMessage malformed)
        {
            WriteError(new ErrorRecord(new InvalidDataException($"Cannot read the message on {malformed.Topic}: {malformed.Problem}."),
                "OneNetMalformedMessage", ErrorCategory.InvalidData, malformed));
        }
    }

    private void Write(OneNetMessage message)
    {
        if (Expand && message is OneNetPropertyMessage property)
        {
            foreach (var value in property.Values)
            {
                WriteObject(value);
            }
            return;
        }
        WriteObject(message);
    }

    private bool ReportDrops(WatchQueue queue, bool force)
    {
        var dropped = queue.Dropped;
        if (dropped == _reportedDrops || (!force && dropped == 0))
        {
            return false;
        }
        _reportedDrops = dropped;
        WriteWarning($"The pipeline is slower than the stream: {dropped} of {queue.Received} message(s) were dropped after {queue.Capacity} had been waiting and the broker had been held back for {queue.MaxBackpressure.TotalSeconds:0.#} s. "
            + "Consume faster (for example write to a file), watch fewer devices, or raise -QueueCapacity.");
        return true;
    }
}
