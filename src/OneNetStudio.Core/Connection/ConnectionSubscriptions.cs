using System.Buffers;
using System.Collections.Immutable;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;

namespace OneNetStudio.Core.Connection;

/// <summary>
/// A connection's listeners and subscriptions: who listens to which topic (and who to the link alone), SUBSCRIBE and
/// UNSUBSCRIBE in batches (never wildcards), a SUBSCRIBE cut off by an outage sent again, everything restored after a
/// reconnect, and each message handed to its listeners. The link itself (connect, reconnect, state) is
/// <see cref="OneNetConnection"/>'s.
/// </summary>
internal sealed class ConnectionSubscriptions(
    IMqttClient client,
    Func<CancellationToken, Task> whenConnected,
    Func<bool> isClosed,
    Action ensureOpen,
    Action markReceived)
{
    /// <summary>Topic filters per SUBSCRIBE packet: large fleets subscribe in batches, never with wildcards.</summary>
    internal const int SubscribeBatchSize = 200;

    private readonly SubscriptionTable _table = new();
    private readonly IMqttClient _client = client;
    private readonly Func<CancellationToken, Task> _whenConnected = whenConnected;
    private readonly Func<bool> _isClosed = isClosed;
    private readonly Action _ensureOpen = ensureOpen;
    private readonly Action _markReceived = markReceived;
    private readonly object _linkGate = new();
    private ImmutableHashSet<IMessageListener> _linkListeners = ImmutableHashSet.Create<IMessageListener>(ReferenceEqualityComparer.Instance);
    private bool _released;
    private string? _releasedBecause;

    /// <summary>Number of distinct topics subscribed.</summary>
    public int Count => _table.Count;

    /// <summary>Everyone who hears of the link, each once: the listeners of the link and the holders of topics.</summary>
    public IReadOnlyCollection<IMessageListener> AllListeners => Volatile.Read(ref _linkListeners).Union(_table.AllListeners);

    /// <summary>Lets <paramref name="listener"/> hear of the link while it holds no topic; once released, tells it so at once.</summary>
    public void Listen(IMessageListener listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        lock (_linkGate)
        {
            if (!_released)
            {
                _linkListeners = _linkListeners.Add(listener);
                return;
            }
        }
        listener.OnConnectionClosed(_releasedBecause);
    }

    public void StopListening(IMessageListener listener)
    {
        lock (_linkGate)
        {
            _linkListeners = _linkListeners.Remove(listener);
        }
    }

    /// <summary>
    /// Subscribes <paramref name="listener"/> to <paramref name="topics"/> (QoS 1). Topics another listener already
    /// holds are shared, not subscribed again. Refused topics are reported, not thrown. During a reconnect it waits
    /// for the link.
    /// </summary>
    public async Task<SubscribeResult> SubscribeAsync(IMessageListener listener, IReadOnlyCollection<string> topics, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(listener);
        _ensureOpen();
        var (waits, toSubscribe, unsubscribesFirst) = _table.Add(listener, topics.Distinct(StringComparer.Ordinal));
        var granted = new List<string>();
        var refused = new List<string>();
        try
        {
            try
            {
                // A SUBSCRIBE must not overtake the UNSUBSCRIBE of a watch that just ended, or the broker would drop it.
                await Task.WhenAll(unsubscribesFirst).WaitAsync(cancellationToken).ConfigureAwait(false);
                foreach (var batch in toSubscribe.Chunk(SubscribeBatchSize))
                {
                    await SubscribeThroughOutagesAsync(batch!, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex)
            {
                foreach (var (_, source) in toSubscribe)
                {
                    source.TrySetException(ex);
                }
                throw;
            }
            foreach (var (topic, task) in waits)
            {
                bool ok;
                try
                {
                    ok = await task.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception) when (!cancellationToken.IsCancellationRequested)
                {
                    ok = false;
                }
                (ok ? granted : refused).Add(topic);
            }
        }
        catch
        {
            // Cancelled or failed: this listener holds none of the topics, and topics nobody got are asked again next time.
            _ = Unsubscribe(listener, topics);
            foreach (var (topic, _) in toSubscribe)
            {
                _table.Forget(topic);
            }
            throw;
        }
        if (refused.Count > 0)
        {
            _ = Unsubscribe(listener, refused);
            foreach (var topic in refused)
            {
                _table.Forget(topic);
            }
        }
        return new SubscribeResult(granted, refused);
    }

    /// <summary>
    /// Stops delivering <paramref name="topics"/> to <paramref name="listener"/> at once; the UNSUBSCRIBE for topics
    /// nobody else holds is sent in the background (the returned task completes when it is).
    /// </summary>
    public Task Unsubscribe(IMessageListener listener, IEnumerable<string> topics)
    {
        var sent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var unused = _table.Remove(listener, topics, sent.Task);
        if (unused.Count == 0)
        {
            sent.TrySetResult();
            return sent.Task;
        }
        _ = Task.Run(async () =>
        {
            try
            {
                foreach (var batch in unused.Chunk(SubscribeBatchSize))
                {
                    if (!_client.IsConnected)
                    {
                        return; // the link is gone, and with it (clean session) every subscription
                    }
                    var options = new MqttClientUnsubscribeOptions { TopicFilters = batch.ToList() };
                    await _client.UnsubscribeAsync(options, CancellationToken.None).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is MqttCommunicationException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
            {
                // The link went down under the UNSUBSCRIBE: clean session, so the broker forgot them anyway.
            }
            finally
            {
                _table.Unsubscribed(unused, sent.Task);
                sent.TrySetResult();
            }
        });
        return sent.Task;
    }

    // A SUBSCRIBE cut off by a lost link is sent again once the link is back.
    private async Task SubscribeThroughOutagesAsync((string Topic, TaskCompletionSource<bool>? Source)[] batch, CancellationToken cancellationToken)
    {
        while (true)
        {
            await _whenConnected(cancellationToken).ConfigureAwait(false);
            try
            {
                await SubscribeBatchAsync(batch, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested && !_isClosed() && !_client.IsConnected)
            {
                // The link went down under the SUBSCRIBE; give MQTTnet a moment to report it, then wait for the reconnect.
                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Sends one SUBSCRIBE; completes each topic's source with its grant; returns the refused topics.</summary>
    private async Task<List<string>> SubscribeBatchAsync((string Topic, TaskCompletionSource<bool>? Source)[] batch, CancellationToken cancellationToken)
    {
        var builder = new MqttClientSubscribeOptionsBuilder();
        foreach (var (topic, _) in batch)
        {
            builder.WithTopicFilter(topic, MqttQualityOfServiceLevel.AtLeastOnce);
        }
        var result = await _client.SubscribeAsync(builder.Build(), cancellationToken).ConfigureAwait(false);
        _markReceived();
        var codes = result.Items.ToDictionary(i => i.TopicFilter.Topic, i => i.ResultCode, StringComparer.Ordinal);
        var refused = new List<string>();
        foreach (var (topic, source) in batch)
        {
            var granted = codes.TryGetValue(topic, out var code) && code <= MqttClientSubscribeResultCode.GrantedQoS2;
            if (!granted)
            {
                refused.Add(topic);
            }
            source?.TrySetResult(granted);
        }
        return refused;
    }

    /// <summary>Hands a message to every listener of its topic; the task holds back the link while one cannot keep up.</summary>
    public Task DeliverAsync(string topic, ReadOnlySequence<byte> payload, DateTimeOffset receivedAt)
    {
        var listeners = _table.ListenersOf(topic);
        if (listeners.IsEmpty)
        {
            return Task.CompletedTask;
        }
        List<Task>? holdingBack = null;
        foreach (var listener in listeners)
        {
            try
            {
                var delivered = listener.OnMessageAsync(topic, payload, receivedAt);
                if (!delivered.IsCompletedSuccessfully)
                {
                    (holdingBack ??= []).Add(delivered.AsTask());
                }
            }
            catch (Exception)
            {
                // One listener's fault (a watch being torn down) must not keep the message from the others.
            }
        }
        // A listener that cannot keep up holds back this connection, so the broker keeps the messages meanwhile.
        return holdingBack is null ? Task.CompletedTask : WhenAllQuietly(holdingBack);
    }

    private static async Task WhenAllQuietly(List<Task> tasks)
    {
        try
        {
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Listener faults are theirs; the connection goes on.
        }
    }

    /// <summary>Subscribes again, in batches, every topic that was granted before the link was lost.</summary>
    public async Task<(int Restored, int Refused)> RestoreAsync(CancellationToken cancellationToken)
    {
        var topics = _table.GrantedTopics();
        var refused = new List<string>();
        foreach (var batch in topics.Chunk(SubscribeBatchSize))
        {
            var sources = batch.Select(t => (t, (TaskCompletionSource<bool>?)null)).ToArray();
            refused.AddRange(await SubscribeBatchAsync(sources, cancellationToken).ConfigureAwait(false));
        }
        // The platform no longer lets this session see those devices: forget them, and tell their listeners.
        foreach (var topic in refused)
        {
            var listeners = _table.ListenersOf(topic);
            _table.Drop(topic);
            foreach (var listener in listeners)
            {
                listener.OnSubscriptionDropped(topic);
            }
        }
        return (topics.Count - refused.Count, refused.Count);
    }

    /// <summary>The connection closed for good: every listener hears of it once, and nothing is held any more.</summary>
    public void ReleaseAll(string? reason)
    {
        IReadOnlyCollection<IMessageListener> listeners;
        lock (_linkGate)
        {
            if (_released)
            {
                return;
            }
            (_released, _releasedBecause) = (true, reason);
            listeners = AllListeners;
            _linkListeners = _linkListeners.Clear();
        }
        foreach (var listener in listeners)
        {
            listener.OnConnectionClosed(reason);
        }
        _table.Clear();
    }
}
