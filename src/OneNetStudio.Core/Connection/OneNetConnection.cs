using MQTTnet;
using MQTTnet.Protocol;

namespace OneNetStudio.Core.Connection;

/// <summary>
/// One application long connection: owns the MQTTnet client and the life of its link. Its <see cref="LinkConnector"/>
/// brings each link up with a fresh token; it reconnects by itself after a lost link (backoff with jitter, a watchdog
/// for half-open links), having its <see cref="ConnectionSubscriptions"/> restore every subscription before it reports
/// Connected again. It speaks only MQTT: what rides on it (watches, sets) are <see cref="IMessageListener"/>s.
/// Thread-safe; every method may be called from any thread.
/// </summary>
public sealed class OneNetConnection : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly ReadAheadGate _readAhead;
    private readonly LinkConnector _link;
    private readonly ConnectionSubscriptions _subscriptions;
    private readonly object _gate = new();
    private readonly CancellationTokenSource _closing = new();
    private readonly ReconnectBackoff _backoff;
    private readonly LinkWatchdog _watchdog;
    private ConnectionState _state = ConnectionState.Connecting;
    private TaskCompletionSource _connected = NewSignal();
    private Task _reconnectLoop = Task.CompletedTask;
    private Task _watchdogLoop = Task.CompletedTask;
    private long _linkLostAt;
    private int _reconnectCount;

    private OneNetConnection(ConnectionOptions options)
    {
        Options = options;
        _readAhead = new ReadAheadGate(options.ReadAheadLimit);
        _client = new MqttClientFactory().CreateMqttClient(new GatedAdapterFactory(_readAhead));
        _client.DisconnectedAsync += OnDisconnectedAsync;
        _client.ApplicationMessageReceivedAsync += OnMessageReceivedAsync;
        _link = new LinkConnector(_client, options);
        var fastCeiling = TimeSpan.FromTicks(Math.Clamp(options.ReconnectFastCeiling.Ticks, options.ReconnectInitialDelay.Ticks, options.ReconnectMaxDelay.Ticks));
        _backoff = new ReconnectBackoff(options.ReconnectInitialDelay, fastCeiling,
            options.ReconnectFastPhase, options.ReconnectMaxDelay, clock: options.Clock, random: options.Random);
        _watchdog = new LinkWatchdog(options.Clock, options.KeepAlive, options.PingTimeout, ct => _client.PingAsync(ct));
        _subscriptions = new ConnectionSubscriptions(_client, WhenConnectedAsync, () => State == ConnectionState.Closed, EnsureOpen, _watchdog.MarkReceived);
    }

    public ConnectionOptions Options { get; }
    public ConnectionState State { get { lock (_gate) { return _state; } } }
    public DateTimeOffset? ConnectedSince { get; private set; }
    public DateTimeOffset? TokenExpiresAt { get; private set; }
    public string? LastError { get; private set; }

    /// <summary>How many times the connection came back after a lost link.</summary>
    public int ReconnectCount => Volatile.Read(ref _reconnectCount);

    /// <summary>Messages read from the socket that the listeners have not been handed yet (at most ReadAheadLimit).</summary>
    internal int ReadAheadPending => _readAhead.Pending;

    /// <summary>True while the reconnect loop or the watchdog still runs (false once closed and disposed).</summary>
    public bool HasBackgroundWork => !_reconnectLoop.IsCompleted || !_watchdogLoop.IsCompleted;

    /// <summary>Raised (on a background thread) whenever <see cref="State"/> changes.</summary>
    public event Action<OneNetConnection, ConnectionStateChange>? StateChanged;

    /// <summary>Opens a connection; throws <see cref="OneNetConnectException"/> with an actionable message on failure.</summary>
    public static async Task<OneNetConnection> ConnectAsync(ConnectionOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var connection = new OneNetConnection(options);
        try
        {
            await connection.ConnectLinkAsync(cancellationToken).ConfigureAwait(false);
            connection.ChangeState(new ConnectionStateChange(ConnectionState.Connected, options.Clock.GetUtcNow()));
            if (!connection._client.IsConnected)
            {
                connection.OnLinkLost("the link dropped right after the connect");
            }
            connection._watchdogLoop = connection.RunWatchdogAsync(connection._closing.Token);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Number of distinct topics subscribed on this connection.</summary>
    public int SubscriptionCount => _subscriptions.Count;

    /// <summary>
    /// Subscribes <paramref name="listener"/> to <paramref name="topics"/> (QoS 1). Topics another listener already
    /// holds are shared, not subscribed again. Refused topics are reported, not thrown. During a reconnect it waits
    /// for the link.
    /// </summary>
    public Task<SubscribeResult> SubscribeAsync(IMessageListener listener, IReadOnlyCollection<string> topics, CancellationToken cancellationToken) =>
        _subscriptions.SubscribeAsync(listener, topics, cancellationToken);

    /// <summary>
    /// Stops delivering <paramref name="topics"/> to <paramref name="listener"/> at once; the UNSUBSCRIBE for topics
    /// nobody else holds is sent in the background (the returned task completes when it is).
    /// </summary>
    public Task Unsubscribe(IMessageListener listener, IEnumerable<string> topics) => _subscriptions.Unsubscribe(listener, topics);

    /// <summary>
    /// Lets <paramref name="listener"/> hear of lost links and of the close while it holds no topic (a requester between
    /// sets). Each signal reaches a listener once however many topics it also holds; on a closed connection it hears
    /// the close at once.
    /// </summary>
    public void Listen(IMessageListener listener) => _subscriptions.Listen(listener);

    /// <summary>Undoes <see cref="Listen"/>; the topics <paramref name="listener"/> holds still bring it the link's news.</summary>
    public void StopListening(IMessageListener listener) => _subscriptions.StopListening(listener);

    /// <summary>Completes when the link is up (at once if it is); waits through a reconnect; throws once closed.</summary>
    public Task WhenConnectedAsync(CancellationToken cancellationToken)
    {
        Task signal;
        lock (_gate)
        {
            if (_state == ConnectionState.Closed)
            {
                return Task.FromException(Closed());
            }
            signal = _connected.Task;
        }
        return signal.IsCompleted ? signal : signal.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Publishes at QoS 1 and waits for the PUBACK. Does not wait for a reconnect: a publish on a lost link fails
    /// (QoS 1 publishes are not resent after a reconnect; the caller decides).
    /// </summary>
    public async Task PublishAsync(string topic, byte[] payload, CancellationToken cancellationToken)
    {
        EnsureOpen();
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        await _client.PublishAsync(message, cancellationToken).ConfigureAwait(false);
        _watchdog.MarkReceived();
    }

    public async Task DisconnectAsync(CancellationToken cancellationToken = default)
    {
        if (!ChangeState(new ConnectionStateChange(ConnectionState.Closed, Options.Clock.GetUtcNow())))
        {
            return;
        }
        await _closing.CancelAsync().ConfigureAwait(false);
        await WaitQuietly(_reconnectLoop).ConfigureAwait(false);
        await WaitQuietly(_watchdogLoop).ConfigureAwait(false);
        ReleaseListeners();
        await _link.DropAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await DisconnectAsync().ConfigureAwait(false);
        // _closing is not disposed: a late lost-link callback may still read its token, and it holds no handle.
        _client.Dispose();
    }

    public override string ToString() => $"{Options.Scope.Username} @ {Options.Endpoint} ({State})";

    /// <summary>Connects the MQTT link (<see cref="LinkConnector.ConnectAsync"/>) and notes when and until when.</summary>
    private async Task ConnectLinkAsync(CancellationToken cancellationToken)
    {
        var tokenExpiresAt = await _link.ConnectAsync(cancellationToken).ConfigureAwait(false);
        _watchdog.MarkReceived();
        TokenExpiresAt = tokenExpiresAt;
        ConnectedSince = Options.Clock.GetUtcNow();
    }

    private Task OnMessageReceivedAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        _readAhead.Dispatched();
        _watchdog.MarkReceived();
        return _subscriptions.DeliverAsync(args.ApplicationMessage.Topic, args.ApplicationMessage.Payload, Options.Clock.GetUtcNow());
    }

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs args)
    {
        if (args.ClientWasConnected)
        {
            OnLinkLost(_watchdog.IsPinging ? _watchdog.HalfOpenReason
                : args.Exception is { } ex ? LinkConnector.Innermost(ex).Message
                : $"the server closed it ({args.Reason})");
        }
        return Task.CompletedTask;
    }

    /// <summary>The link went down (MQTTnet noticed, or the watchdog did): reconnect, or close when told not to.</summary>
    private void OnLinkLost(string reason)
    {
        var lostAt = Options.Clock.GetUtcNow();
        var error = $"The connection was lost at {lostAt:u}: {reason}.";
        if (!Options.AutoReconnect)
        {
            lock (_gate)
            {
                if (_state != ConnectionState.Connected)
                {
                    return;
                }
                LastError = error;
            }
            CloseForGood(new ConnectionStateChange(ConnectionState.Closed, lostAt, reason));
            return;
        }
        var announced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_state != ConnectionState.Connected)
            {
                return;
            }
            _state = ConnectionState.Reconnecting;
            _connected = NewSignal();
            LastError = error;
            // Assigned under the lock so that a DisconnectAsync racing with this always waits for this loop; started
            // only once the loss is announced, so no listener hears "reconnected" before "lost".
            _reconnectLoop = ReconnectWhenAnnouncedAsync(announced.Task, _closing.Token);
        }
        try
        {
            if (ConnectedSince is { } since && lostAt - since >= Options.StablePeriod)
            {
                _backoff.Reset();
            }
            Volatile.Write(ref _linkLostAt, Options.Clock.GetTimestamp());
            StateChanged?.Invoke(this, new ConnectionStateChange(ConnectionState.Reconnecting, lostAt, reason));
            foreach (var listener in _subscriptions.AllListeners)
            {
                listener.OnLinkLost(error);
            }
        }
        finally
        {
            announced.SetResult();
        }
    }

    private async Task ReconnectWhenAnnouncedAsync(Task announced, CancellationToken closing)
    {
        await announced.ConfigureAwait(false);
        await ReconnectLoopAsync(closing).ConfigureAwait(false);
    }

    private async Task ReconnectLoopAsync(CancellationToken closing)
    {
        var attempt = 0;
        while (!closing.IsCancellationRequested)
        {
            attempt++;
            try
            {
                await Task.Delay(_backoff.Next(), Options.Clock, closing).ConfigureAwait(false);
                await _link.DropAsync().ConfigureAwait(false);
                await ConnectLinkAsync(closing).ConfigureAwait(false);
                var (restored, refused) = await _subscriptions.RestoreAsync(closing).ConfigureAwait(false);
                Interlocked.Increment(ref _reconnectCount);
                LastError = null;
                var outage = Options.Clock.GetElapsedTime(Volatile.Read(ref _linkLostAt));
                if (ChangeState(new ConnectionStateChange(ConnectionState.Connected, Options.Clock.GetUtcNow(), null, outage, restored, refused)))
                {
                    // A link that died after the restore but before Connected was not reported (we were Reconnecting).
                    if (!_client.IsConnected)
                    {
                        OnLinkLost("the link dropped again while reconnecting");
                    }
                    return;
                }
            }
            catch (OperationCanceledException) when (closing.IsCancellationRequested)
            {
                return;
            }
            catch (OneNetConnectException ex) when (ex.Failure == ConnectFailure.Refused && ex.ConnackCode is 2 or 4 or 5)
            {
                // The platform says no: retrying would only hammer it. Close, with the reason, and stop.
                LastError = $"Reconnect attempt {attempt} was refused: {ex.Message}";
                CloseForGood(new ConnectionStateChange(ConnectionState.Closed, Options.Clock.GetUtcNow(), LastError));
                await _link.DropAsync().ConfigureAwait(false);
                return;
            }
            catch (Exception ex)
            {
                LastError = Sentences.End($"Reconnecting: attempt {attempt} failed: {LinkConnector.Innermost(ex).Message}");
            }
        }
    }

    private async Task RunWatchdogAsync(CancellationToken closing)
    {
        try
        {
            using var timer = new PeriodicTimer(_watchdog.CheckEvery, Options.Clock);
            while (await timer.WaitForNextTickAsync(closing).ConfigureAwait(false))
            {
                if (State != ConnectionState.Connected)
                {
                    continue;
                }
                if (await _watchdog.CheckAsync(closing).ConfigureAwait(false) is { } dead)
                {
                    OnLinkLost(dead);
                }
            }
        }
        catch (OperationCanceledException) when (closing.IsCancellationRequested)
        {
        }
    }

    /// <summary>Throws <see cref="OneNetSessionClosedException"/> once the connection is closed.</summary>
    public void EnsureOpen()
    {
        if (State == ConnectionState.Closed)
        {
            throw Closed();
        }
    }

    private OneNetSessionClosedException Closed() => new(Options.Scope.Username, Options.Endpoint, LastError);

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static async Task WaitQuietly(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Background loops end on cancellation; how they ended does not matter any more.
        }
    }

    /// <summary>Moves to the new state (never out of Closed) and tells waiters and subscribers.</summary>
    private bool ChangeState(ConnectionStateChange change)
    {
        TaskCompletionSource signal;
        lock (_gate)
        {
            if (_state == change.State || _state == ConnectionState.Closed)
            {
                return false;
            }
            _state = change.State;
            signal = _connected;
        }
        if (change.State == ConnectionState.Connected)
        {
            signal.TrySetResult();
        }
        else if (change.State == ConnectionState.Closed)
        {
            signal.TrySetException(Closed());
            _ = signal.Task.Exception; // observed: nobody need wait for it
        }
        StateChanged?.Invoke(this, change);
        return true;
    }

    /// <summary>Closed without the user asking (a refused reconnect, or a lost link with reconnecting off).</summary>
    private void CloseForGood(ConnectionStateChange change)
    {
        if (ChangeState(change))
        {
            _closing.Cancel();
            ReleaseListeners();
            _ = _link.DropAsync(); // a half-open socket found by the watchdog is still open
        }
    }

    private void ReleaseListeners() => _subscriptions.ReleaseAll(LastError);
}
