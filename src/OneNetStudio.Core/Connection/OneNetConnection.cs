using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using OneNetStudio.Core.Requests;
using OneNetStudio.Core.Security;

namespace OneNetStudio.Core.Connection;

/// <summary>
/// One application long connection: owns the MQTTnet client and its link. It signs a fresh token for every connect and
/// reconnects by itself after a lost link (backoff with jitter, a watchdog for half-open links), having its
/// <see cref="ConnectionSubscriptions"/> restore every subscription before it reports Connected again.
/// Thread-safe; every method may be called from any thread.
/// </summary>
public sealed class OneNetConnection : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly ConnectionSubscriptions _subscriptions;
    private readonly object _gate = new();
    private readonly CancellationTokenSource _closing = new();
    private readonly ReconnectBackoff _backoff;
    private readonly LinkWatchdog _watchdog;
    private readonly ServerCertificateValidator? _certificates;
    private ConnectionState _state = ConnectionState.Connecting;
    private TaskCompletionSource _connected = NewSignal();
    private SetRequester? _sets;
    private Task _reconnectLoop = Task.CompletedTask;
    private Task _watchdogLoop = Task.CompletedTask;
    private long _linkLostAt;
    private int _reconnectCount;

    private OneNetConnection(ConnectionOptions options)
    {
        Options = options;
        _client = new MqttClientFactory().CreateMqttClient();
        _client.DisconnectedAsync += OnDisconnectedAsync;
        _client.ApplicationMessageReceivedAsync += OnMessageReceivedAsync;
        var fastCeiling = TimeSpan.FromTicks(Math.Clamp(options.ReconnectFastCeiling.Ticks, options.ReconnectInitialDelay.Ticks, options.ReconnectMaxDelay.Ticks));
        _backoff = new ReconnectBackoff(options.ReconnectInitialDelay, fastCeiling,
            options.ReconnectFastPhase, options.ReconnectMaxDelay, clock: options.Clock, random: options.Random);
        _watchdog = new LinkWatchdog(options.Clock, options.KeepAlive, options.PingTimeout, ct => _client.PingAsync(ct));
        _subscriptions = new ConnectionSubscriptions(_client, WhenConnectedAsync, () => State == ConnectionState.Closed, EnsureOpen, _watchdog.MarkReceived);
        if (options.UseTls)
        {
            _certificates = new ServerCertificateValidator(options.Server, options.CertificateAuthorities, options.SkipCertificateCheck);
        }
    }

    public ConnectionOptions Options { get; }
    public ConnectionState State { get { lock (_gate) { return _state; } } }
    public DateTimeOffset? ConnectedSince { get; private set; }
    public DateTimeOffset? TokenExpiresAt { get; private set; }
    public string? LastError { get; private set; }

    /// <summary>How many times the connection came back after a lost link.</summary>
    public int ReconnectCount => Volatile.Read(ref _reconnectCount);

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

    /// <summary>Property and desired sets on this connection, and the book of their replies.</summary>
    public SetRequester Sets => LazyInitializer.EnsureInitialized(ref _sets, () => new SetRequester(this, Options.Clock));

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
        try
        {
            if (_client.IsConnected)
            {
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is MqttCommunicationException or ObjectDisposedException or OperationCanceledException)
        {
            // Closing a link that is already broken: nothing left to tell the server.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DisconnectAsync().ConfigureAwait(false);
        // _closing is not disposed: a late lost-link callback may still read its token, and it holds no handle.
        _client.Dispose();
    }

    public override string ToString() => $"{Options.Scope.Username} @ {Options.Endpoint} ({State})";

    /// <summary>Connects the MQTT link with a freshly signed token; throws <see cref="OneNetConnectException"/>.</summary>
    private async Task ConnectLinkAsync(CancellationToken cancellationToken)
    {
        var now = Options.Clock.GetUtcNow();
        var expiresAt = now + Options.TokenLifetime;
        var token = OneNetToken.Create(Options.Scope.Username, Options.AccessKey, expiresAt, Options.Method, TokenVersion.Application);
        var mqttOptions = BuildMqttOptions(token);
        _certificates?.Reset();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Options.ConnectTimeout);
        MqttClientConnectResult result;
        try
        {
            result = await _client.ConnectAsync(mqttOptions, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested)
        {
            // The caller gave up (Ctrl+C): whatever MQTTnet wrapped the cancellation in, report it as such.
            throw new OperationCanceledException("The connect was cancelled.", ex, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            throw TimedOut();
        }
        catch (MqttCommunicationTimedOutException ex)
        {
            throw TimedOut(ex);
        }
        catch (Exception ex) when (ex is MqttCommunicationException or MqttProtocolViolationException or SocketException or IOException or AuthenticationException)
        {
            if (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw TimedOut(ex);
            }
            throw ConnectFailed(ex);
        }
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw Refused(result.ResultCode, null);
        }
        _watchdog.MarkReceived();
        TokenExpiresAt = DateTimeOffset.FromUnixTimeSeconds(expiresAt.ToUnixTimeSeconds());
        ConnectedSince = Options.Clock.GetUtcNow();
    }

    private MqttClientOptions BuildMqttOptions(string token)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithTcpServer(Options.Server, Options.Port)
            .WithClientId(Options.ClientId)
            .WithCleanSession(true)
            .WithKeepAlivePeriod(Options.KeepAlive)
            .WithTimeout(Options.ConnectTimeout)
            .WithCredentials(Options.Scope.Username, token);
        if (Options.UseTls)
        {
            var certificates = _certificates!;
            builder.WithTlsOptions(tls => tls
                .UseTls()
                .WithTargetHost(Options.Server)
                .WithRevocationMode(X509RevocationMode.NoCheck)
                .WithCertificateValidationHandler(e => certificates.Validate(e.Certificate, e.Chain, e.SslPolicyErrors)));
        }
        var options = builder.Build();
        ((MqttClientTcpOptions)options.ChannelOptions).BufferSize = Options.SocketBufferSize;
        return options;
    }

    private Task OnMessageReceivedAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        _watchdog.MarkReceived();
        return _subscriptions.DeliverAsync(args.ApplicationMessage.Topic, args.ApplicationMessage.Payload, Options.Clock.GetUtcNow());
    }

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs args)
    {
        if (args.ClientWasConnected)
        {
            OnLinkLost(_watchdog.IsPinging ? _watchdog.HalfOpenReason
                : args.Exception is { } ex ? Innermost(ex).Message
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
                await DropLinkAsync().ConfigureAwait(false);
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
                await DropLinkAsync().ConfigureAwait(false);
                return;
            }
            catch (Exception ex)
            {
                LastError = Sentences.End($"Reconnecting: attempt {attempt} failed: {Innermost(ex).Message}");
            }
        }
    }

    /// <summary>Makes sure the old link is closed before a new connect (MQTTnet refuses to connect twice).</summary>
    private async Task DropLinkAsync()
    {
        if (!_client.IsConnected)
        {
            return;
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // A dead link cannot be closed politely; MQTTnet has torn it down all the same.
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

    /// <summary>Tells apart, for the user, where a failed connect stopped: TCP, the TLS handshake, or the MQTT CONNECT.</summary>
    private OneNetConnectException ConnectFailed(Exception ex)
    {
        var cause = Innermost(ex).Message.TrimEnd('.');
        if (_certificates?.Failure is { } refusedBecause)
        {
            return new OneNetConnectException(ConnectFailure.CertificateInvalid, Options.Endpoint,
                $"The TLS certificate of {Options.Endpoint} was refused: {refusedBecause}.",
                innerException: ex);
        }
        if (FindSocketError(ex) is SocketError.ConnectionRefused or SocketError.HostUnreachable or SocketError.NetworkUnreachable
            or SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData or SocketError.TimedOut or SocketError.AddressNotAvailable)
        {
            return new OneNetConnectException(ConnectFailure.Unreachable, Options.Endpoint,
                $"Cannot reach the OneNET server at {Options.Endpoint}: {cause}.",
                innerException: ex);
        }
        if (_certificates is { CertificatePresented: false })
        {
            return new OneNetConnectException(ConnectFailure.TlsHandshakeFailed, Options.Endpoint,
                $"The server at {Options.Endpoint} did not complete a TLS handshake ({cause}): it may not be a TLS port.",
                innerException: ex);
        }
        return new OneNetConnectException(ConnectFailure.NotMqtt, Options.Endpoint,
            $"The server at {Options.Endpoint} did not answer as an MQTT broker ({cause}).",
            innerException: ex);
    }

    private static SocketError? FindSocketError(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is SocketException socket)
            {
                return socket.SocketErrorCode;
            }
        }
        return null;
    }

    private OneNetConnectException TimedOut(Exception? inner = null) =>
        new(ConnectFailure.TimedOut, Options.Endpoint,
            $"No answer from the OneNET server at {Options.Endpoint} within {Options.ConnectTimeout.TotalSeconds:0.#} s.",
            innerException: inner);

    private OneNetConnectException Refused(MqttClientConnectResultCode code, Exception? inner)
    {
        var connack = ConnackCodes.ToMqtt311(code);
        return new OneNetConnectException(ConnectFailure.Refused, Options.Endpoint, ConnackCodes.Describe(connack, Options.Scope), connack, inner);
    }

    private static Exception Innermost(Exception ex)
    {
        while (ex.InnerException is not null)
        {
            ex = ex.InnerException;
        }
        return ex;
    }

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
            _ = DropLinkAsync(); // a half-open socket found by the watchdog is still open
        }
    }

    private void ReleaseListeners() => _subscriptions.ReleaseAll();
}
