using OneNetStudio.Core.Topics;

namespace OneNetStudio.Core.Requests;

/// <summary>A set in flight: registered before its publish, completed by the reply with its requestId or by giving up.</summary>
internal sealed class PendingSet
{
    private readonly TaskCompletionSource<OneNetSetReply> _reply = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<OneNetSetReply> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TimeProvider _clock;
    private long _startedAt;
    private volatile bool _onTheWire;

    public PendingSet(SetCommand command, TimeProvider clock)
    {
        Command = command;
        _clock = clock;
        _startedAt = clock.GetTimestamp();
        ReplyTopic = OneNetTopics.Build(command.ProductId, command.DeviceName, TopicKind.SetReply);
    }

    public SetCommand Command { get; }
    public string RequestId => Command.RequestId;
    public SetKind Kind => Command.Kind;
    public string ReplyTopic { get; }

    /// <summary>The platform's reply (or a failure given on its behalf), with Kind and Elapsed filled in.</summary>
    public Task<OneNetSetReply> Reply => _reply.Task;

    /// <summary>The final reply of the whole request: the platform's, or TimedOut/Accepted/Failed given on its behalf.</summary>
    public Task<OneNetSetReply> Outcome => _outcome.Task;

    public void Finish(OneNetSetReply final) => _outcome.TrySetResult(final);

    public void Cancel() => _outcome.TrySetCanceled();

    /// <summary>True once the publish started: from then on a lost link may have swallowed the request or its reply.</summary>
    public bool OnTheWire => _onTheWire;

    /// <summary>Elapsed is measured from here: the moment the request goes onto the wire.</summary>
    public void MarkPublishing()
    {
        Volatile.Write(ref _startedAt, _clock.GetTimestamp());
        _onTheWire = true;
    }

    /// <summary>True when <paramref name="received"/> (on <see cref="ReplyTopic"/>) was the first answer.</summary>
    /// <remarks>The reply keeps this set's own topic string rather than the received copy: for a device's first set
    /// it is the string the session's reply subscription holds anyway, so a fleet's replies keep one string less each.</remarks>
    public bool TryComplete(OneNetSetReply received) => _reply.TrySetResult(new OneNetSetReply(
        Command.ProductId, Command.DeviceName, ReplyTopic, received.ReceivedAt, received.RawJson, RequestId, Command.Kind,
        received.Status, received.Code, received.Message, Elapsed()));

    public bool TryFail(string code, string message) => _reply.TrySetResult(Synthetic(SetStatus.Failed, code, message));

    public OneNetSetReply TimedOut(TimeSpan timeout) => Synthetic(SetStatus.TimedOut, "Timeout",
        $"No reply from {Command.ProductId}/{Command.DeviceName} within {timeout.TotalSeconds:0.###} s.");

    public OneNetSetReply Accepted(TimeSpan timeout) => Synthetic(SetStatus.Accepted, null,
        $"The platform took the desired set; no reply came within {timeout.TotalSeconds:0.###} s (the platform need not answer desired sets).");

    public OneNetSetReply Pending() => Synthetic(SetStatus.Pending, null, "Sent; the reply is not in yet. Collect it with Get-OneNetReply.");

    public OneNetSetReply Synthetic(SetStatus status, string? code, string message) => new(
        Command.ProductId, Command.DeviceName, ReplyTopic, _clock.GetUtcNow(), RawJson.Empty, RequestId, Command.Kind,
        status, code, message, status == SetStatus.Pending ? null : Elapsed());

    private TimeSpan Elapsed() => _clock.GetElapsedTime(Volatile.Read(ref _startedAt));
}
