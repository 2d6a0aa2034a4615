using System.Diagnostics;
using System.Management.Automation;
using OneNetStudio.Pipeline;

namespace OneNetStudio.Commands;

/// <summary>Replies from the session's book of recent sets, by requestId: the way to collect sets sent with -NoWait.</summary>
[Cmdlet(VerbsCommon.Get, "OneNetReply")]
[OutputType(typeof(OneNetSetReply))]
public sealed class GetOneNetReplyCommand : OneNetCmdlet
{
    private readonly List<(string RequestId, Task<OneNetSetReply> Outcome, OneNetSetReply Placeholder)> _waiting = [];
    private OneNetSession? _session;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] RequestId { get; set; } = null!;

    /// <summary>Wait for sets still in flight instead of returning their Pending placeholder.</summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    [Parameter]
    [ValidateRange(0.001, 3600.0)]
    [PSDefaultValue(Help = "No limit: each set ends with its reply or its own timeout")]
    public double TimeoutSec { get; set; }

    [Parameter]
    [PSDefaultValue(Help = "The current session")]
    public OneNetSession? Session { get; set; }

    protected override void ProcessRecord()
    {
        _session ??= ResolveSession(Session);
        var sets = _session.Connection.Sets;
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

    private void WriteFinished(int index, bool[] done)
    {
        done[index] = true;
        if (_waiting[index].Outcome.IsCompletedSuccessfully)
        {
            ReplyOutput.Write(this, _waiting[index].Outcome.Result);
        }
    }
}
