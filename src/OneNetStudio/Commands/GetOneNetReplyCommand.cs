using System.Diagnostics;
using System.Management.Automation;
using OneNetStudio.Pipeline;

namespace OneNetStudio.Commands;

/// <summary>
/// Replies from the session's book of recent sets: by requestId (the way to collect sets sent with -NoWait), or the
/// whole book, newest first.
/// </summary>
[Cmdlet(VerbsCommon.Get, "OneNetReply", DefaultParameterSetName = BookSet)]
[OutputType(typeof(OneNetSetReply))]
public sealed class GetOneNetReplyCommand : OneNetCmdlet
{
    private const string BookSet = "Book";
    private const string RequestIdSet = "RequestId";
    private readonly List<(string RequestId, Task<OneNetSetReply> Outcome, OneNetSetReply Placeholder)> _waiting = [];
    private OneNetSession? _session;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = RequestIdSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RequestIdCompleter))]
    public string[] RequestId { get; set; } = null!;

    /// <summary>Wait for sets still in flight instead of returning their Pending placeholder.</summary>
    [Parameter(ParameterSetName = RequestIdSet)]
    public SwitchParameter Wait { get; set; }

    [Parameter(ParameterSetName = RequestIdSet)]
    [ValidateRange(0.001, 3600.0)]
    [PSDefaultValue(Help = "No limit: each set ends with its reply or its own timeout")]
    public double TimeoutSec { get; set; }

    /// <summary>With no request id: only replies with these statuses.</summary>
    [Parameter(ParameterSetName = BookSet)]
    [PSDefaultValue(Help = "Every status")]
    public SetStatus[]? Status { get; set; }

    /// <summary>With no request id: only replies of these products (wildcards allowed).</summary>
    [Parameter(ParameterSetName = BookSet)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(ProductIdCompleter))]
    [PSDefaultValue(Help = "Every product")]
    public string? ProductId { get; set; }

    /// <summary>With no request id: only replies of these devices (wildcards allowed).</summary>
    [Parameter(ParameterSetName = BookSet)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(DeviceNameCompleter))]
    [PSDefaultValue(Help = "Every device")]
    public string? DeviceName { get; set; }

    [Parameter]
    [PSDefaultValue(Help = "The current session")]
    public OneNetSession? Session { get; set; }

    protected override void ProcessRecord()
    {
        _session ??= ResolveSession(Session);
        var sets = _session.Sets;
        if (ParameterSetName == BookSet)
        {
            WriteBook(sets.Book);
            return;
        }
        foreach (var requestId in RequestId)
        {
            var known = sets.Find(requestId, out var outcome);
            if (known is null)
            {
                WriteError(new ErrorRecord(
                    new ItemNotFoundException($"Session {_session.Id} has no set with request id '{requestId}' in flight or among its recent replies (the last {sets.Book.Capacity:N0}, for {sets.Book.MaxAge.TotalMinutes:0} minutes)."),
                    "OneNetReplyNotFound", ErrorCategory.ObjectNotFound, requestId));
            }
            else if (Wait && outcome is { IsCompleted: false })
            {
                _waiting.Add((requestId, outcome, known));
            }
            else
            {
                ReplyOutput.Write(this, known);
            }
        }
    }

    protected override void EndProcessing()
    {
        if (_waiting.Count == 0)
        {
            return;
        }
        var pump = Pump;
        for (var i = 0; i < _waiting.Count; i++)
        {
            var index = i; // posted once its set finishes; dropped if the command has ended by then
            _waiting[i].Outcome.ContinueWith(_ => pump.PostItem(index), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        var clock = Stopwatch.StartNew();
        var done = new bool[_waiting.Count];
        var left = _waiting.Count;
        while (left > 0)
        {
            var wait = TimeoutSec > 0 ? TimeSpan.FromSeconds(TimeoutSec) - clock.Elapsed : Timeout.InfiniteTimeSpan;
            if ((TimeoutSec > 0 && wait <= TimeSpan.Zero) || Drain(item => WriteFinished((int)item, done), wait) != DrainResult.Item)
            {
                break;
            }
            left--;
        }
        for (var i = 0; i < _waiting.Count; i++)
        {
            if (done[i])
            {
                continue;
            }
            var (requestId, _, placeholder) = _waiting[i];
            WriteObject(placeholder);
            WriteError(new ErrorRecord(
                new TimeoutException($"The set with request id '{requestId}' had no reply within -TimeoutSec {TimeoutSec}; it is still in flight."),
                "OneNetReplyTimeout", ErrorCategory.OperationTimeout, placeholder));
        }
    }

    private void WriteBook(Core.Requests.ReplyBook book)
    {
        var product = ProductId is null ? null : WildcardPattern.Get(ProductId, WildcardOptions.IgnoreCase);
        var device = DeviceName is null ? null : WildcardPattern.Get(DeviceName, WildcardOptions.IgnoreCase);
        foreach (var reply in book.Newest())
        {
            if ((Status is null || Status.Contains(reply.Status)) && (product is null || product.IsMatch(reply.ProductId))
                && (device is null || device.IsMatch(reply.DeviceName)))
            {
                WriteObject(reply);
            }
        }
    }

    private void WriteFinished(int index, bool[] done)
    {
        done[index] = true;
        if (_waiting[index].Outcome.IsCompletedSuccessfully)
        {
            ReplyOutput.Write(this, _waiting[index].Outcome.Result);
        }
    }
}
