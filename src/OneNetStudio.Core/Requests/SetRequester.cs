using System.Buffers;
using System.Collections.Concurrent;
using MQTTnet.Exceptions;
using OneNetStudio.Core.Connection;
using OneNetStudio.Core.Messages;
using OneNetStudio.Core.Topics;

namespace OneNetStudio.Core.Requests;

/// <summary>
/// Sends property and desired sets on one connection and matches the replies by requestId. The waiter is registered
/// before the publish; the reply topic of a device is subscribed once per session; replies that match nothing in flight
/// (late, duplicate, foreign) are ignored; when the connection closes every set in flight fails at once. It rides on the
/// connection as any <see cref="IMessageListener"/> does, and hears of lost links and the close the same way. Its owner
/// (the session) disposes it.
/// </summary>
public sealed class SetRequester : IMessageListener, IDisposable
{
    public const int DefaultBookCapacity = 10_000;
    public static readonly TimeSpan DefaultBookAge = TimeSpan.FromMinutes(10);

    private readonly OneNetConnection _connection;
    private readonly TimeProvider _clock;
    private readonly PendingSets _pending = new();
    private readonly ConcurrentDictionary<string, Task<bool>> _replySubscriptions = new(StringComparer.Ordinal);
    private readonly ReplySubscriber _replySubscriber;

    public SetRequester(OneNetConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
        _clock = connection.Options.Clock;
        Book = new ReplyBook(DefaultBookCapacity, DefaultBookAge, _clock);
        _replySubscriber = new ReplySubscriber(connection, this);
        connection.Listen(this);
    }

    /// <summary>The final replies of recent sets.</summary>
    public ReplyBook Book { get; }

    /// <summary>Sets still waiting for their reply.</summary>
    public int PendingCount => _pending.Count;

    /// <summary>
    /// Registers and sends <paramref name="command"/>. False (nothing sent) when its requestId is already in flight.
    /// The task completes with the final reply (never faults; a Ctrl+C through <paramref name="cancellationToken"/>
    /// cancels it and forgets the request).
    /// </summary>
    public bool TryStart(SetCommand command, TimeSpan timeout, CancellationToken cancellationToken, out Task<OneNetSetReply> reply)
    {
        ArgumentNullException.ThrowIfNull(command);
        var pending = new PendingSet(command, _clock);
        if (!_pending.TryAdd(pending))
        {
            reply = Task.FromResult<OneNetSetReply>(null!);
            return false;
        }
        reply = RunAsync(pending, timeout, cancellationToken);
        return true;
    }

    /// <summary>
    /// What is known of <paramref name="requestId"/>: its final reply from the book, or while in flight a Pending
    /// placeholder and the task of its final reply; null when the session never sent it or has forgotten it.
    /// </summary>
    public OneNetSetReply? Find(string requestId, out Task<OneNetSetReply>? outcome)
    {
        // A finished request enters the book before it leaves the pending table, so one of the two always has it.
        if (_pending.TryGet(requestId, out var pending))
        {
            outcome = pending!.Outcome;
            return outcome.IsCompletedSuccessfully ? outcome.Result : pending.Pending();
        }
        outcome = null;
        return Book.TryGet(requestId, out var reply) ? reply : null;
    }

    /// <summary>The Pending reply that stands for <paramref name="command"/> until its answer comes (for -NoWait).</summary>
    public OneNetSetReply Placeholder(SetCommand command) => new PendingSet(command, _clock).Pending();

    public ValueTask OnMessageAsync(string topic, ReadOnlySequence<byte> payload, DateTimeOffset receivedAt)
    {
        if (MessageParser.TryParseSetReply(topic, payload, receivedAt, out var received)
            && _pending.TryGet(received.RequestId, out var pending)
            && string.Equals(pending!.ReplyTopic, topic, StringComparison.Ordinal))
        {
            pending.TryComplete(received);
        }
        return default;
    }

    /// <summary>The broker refused to restore a reply subscription after a reconnect: ask again on the next set.</summary>
    public void OnSubscriptionDropped(string topic) => _replySubscriptions.TryRemove(topic, out _);

    /// <summary>
    /// The link dropped and the connection is reconnecting: sets already published fail at once (their request or
    /// reply may be lost, and QoS 1 publishes are not resent); sets not yet published wait for the reconnect.
    /// </summary>
    public void OnLinkLost(string reason) =>
        _pending.FailAll("ConnectionLost", $"{reason} The set may or may not have reached the device.", onlyOnTheWire: true);

    public void OnConnectionClosed(string? reason)
    {
        _replySubscriptions.Clear();
        FailAll(reason);
    }

    /// <summary>
    /// Stops riding on the connection: sets in flight fail, the reply topics are given back (the UNSUBSCRIBE goes only
    /// for topics no one else holds). The book stays readable.
    /// </summary>
    public void Dispose()
    {
        _connection.StopListening(this);
        _ = _connection.Unsubscribe(this, _replySubscriptions.Keys);
        _replySubscriptions.Clear();
        FailAll(reason: null);
    }

    private void FailAll(string? reason) =>
        _pending.FailAll("ConnectionLost", reason is null
            ? "The session was closed before the reply came."
            : $"{reason} The set may or may not have reached the device.");

    private async Task<OneNetSetReply> RunAsync(PendingSet pending, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, _clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        var published = false;
        OneNetSetReply result;
        try
        {
            if (!await EnsureReplySubscriptionAsync(pending.ReplyTopic, linked.Token).ConfigureAwait(false))
            {
                result = pending.Synthetic(SetStatus.Failed, "SubscriptionRefused",
                    $"The platform refused this session the replies of {pending.Command.ProductId}/{pending.Command.DeviceName}: the account or project group cannot see that device. Nothing was sent.");
            }
            else
            {
                var topic = OneNetTopics.Build(pending.Command.ProductId, pending.Command.DeviceName,
                    pending.Command.Kind == SetKind.Desired ? TopicKind.DesiredSet : TopicKind.PropertySet);
                await _connection.WhenConnectedAsync(linked.Token).ConfigureAwait(false);
                pending.MarkPublishing();
                await _connection.PublishAsync(topic, pending.Command.Payload, linked.Token).ConfigureAwait(false);
                published = true;
                result = await pending.Reply.WaitAsync(linked.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested)
        {
            // MQTTnet reports a cancelled publish as a timeout: whatever it threw, the caller stopped.
            _pending.Remove(pending);
            pending.Cancel();
            throw new OperationCanceledException("The set was cancelled.", ex, cancellationToken);
        }
        catch (Exception) when (deadline.IsCancellationRequested)
        {
            result = pending.Kind == SetKind.Desired && published ? pending.Accepted(timeout) : pending.TimedOut(timeout);
        }
        catch (Exception ex)
        {
            result = pending.Reply.IsCompletedSuccessfully ? pending.Reply.Result : pending.Synthetic(SetStatus.Failed, FailureCode(ex), FailureMessage(ex));
        }
        Book.Add(result);
        pending.Finish(result);
        _pending.Remove(pending);
        return result;
    }

    // MQTTnet may not have reported a dropped link yet when a publish finds it gone: the exception says so first.
    private string FailureCode(Exception ex) => ex switch
    {
        OneNetSessionClosedException => "SessionClosed",
        MqttCommunicationException or IOException => "ConnectionLost",
        _ => _connection.State == ConnectionState.Connected ? "PublishFailed" : "ConnectionLost",
    };

    private static string FailureMessage(Exception ex) => ex is OneNetSessionClosedException
        ? $"{ex.Message} Nothing was sent."
        : Sentences.End($"The set could not be sent: {ex.Message}");

    private async Task<bool> EnsureReplySubscriptionAsync(string replyTopic, CancellationToken cancellationToken)
    {
        var subscription = _replySubscriptions.GetOrAdd(replyTopic, _replySubscriber.SubscribeAsync);
        try
        {
            return await subscription.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A failed subscribe (not a refusal) may work next time.
            _replySubscriptions.TryRemove(new KeyValuePair<string, Task<bool>>(replyTopic, subscription));
            throw;
        }
    }
}
