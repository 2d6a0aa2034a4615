using System.Net.Sockets;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using OneNetStudio.Core.Requests;
using OneNetStudio.Core.Security;

namespace OneNetStudio.Core.Connection;

/// <summary>
/// One application long connection: owns the MQTTnet client, signs a fresh token for every connect, and reports its
/// state. Thread-safe; every method may be called from any thread.
/// </summary>
public sealed class OneNetConnection : IAsyncDisposable
{
    /// <summary>Topic filters per SUBSCRIBE packet: large fleets subscribe in batches, never with wildcards.</summary>
    internal const int SubscribeBatchSize = 200;

    private readonly IMqttClient _client;
    private readonly SubscriptionTable _subscriptions = new();
    private readonly object _gate = new();
    private ConnectionState _state = ConnectionState.Connecting;
    private SetRequester? _sets;

    private OneNetConnection(ConnectionOptions options)
    {
        Options = options;
        _client = new MqttClientFactory().CreateMqttClient();
        _client.DisconnectedAsync += OnDisconnectedAsync;
        _client.ApplicationMessageReceivedAsync += OnMessageReceivedAsync;
    }

    public ConnectionOptions Options { get; }
    public ConnectionState State { get { lock (_gate) { return _state; } } }
    public DateTimeOffset? ConnectedSince { get; private set; }
    public DateTimeOffset? TokenExpiresAt { get; private set; }
    public string? LastError { get; private set; }

    /// <summary>Raised (on an MQTTnet thread) whenever <see cref="State"/> changes.</summary>
    public event Action<OneNetConnection, ConnectionState>? StateChanged;

    /// <summary>Opens a connection; throws <see cref="OneNetConnectException"/> with an actionable message on failure.</summary>
    public static async Task<OneNetConnection> ConnectAsync(ConnectionOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var connection = new OneNetConnection(options);
        try
        {
            await connection.ConnectOnceAsync(cancellationToken).ConfigureAwait(false);
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
    /// holds are shared, not subscribed again. Refused topics are reported, not thrown.
    /// </summary>
    public async Task<SubscribeResult> SubscribeAsync(IMessageListener listener, IReadOnlyCollection<string> topics, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(listener);
        EnsureOpen();
        var (waits, toSubscribe) = _subscriptions.Add(listener, topics.Distinct(StringComparer.Ordinal));
        try
        {
            foreach (var batch in toSubscribe.Chunk(SubscribeBatchSize))
            {
                await SubscribeBatchAsync(batch, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            foreach (var (_, source) in toSubscribe)
            {
                source.TrySetException(ex);
            }
            _ = Unsubscribe(listener, topics);
            foreach (var (topic, _) in toSubscribe)
            {
                _subscriptions.Forget(topic);
            }
            throw;
        }
        var granted = new List<string>();
        var refused = new List<string>();
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
        if (refused.Count > 0)
        {
            _ = Unsubscribe(listener, refused);
            foreach (var topic in refused)
            {
                _subscriptions.Forget(topic);
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
        var unused = _subscriptions.Remove(listener, topics);
        if (unused.Count == 0 || !_client.IsConnected)
        {
            return Task.CompletedTask;
        }
        return Task.Run(async () =>
        {
            foreach (var batch in unused.Chunk(SubscribeBatchSize))
            {
                try
                {
                    var options = new MqttClientUnsubscribeOptions { TopicFilters = batch.ToList() };
                    await _client.UnsubscribeAsync(options, CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is MqttCommunicationException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
                {
                    // The link is gone, and with it (clean session) every subscription.
                    return;
                }
            }
        });
    }

    /// <summary>Publishes at QoS 1 and waits for the PUBACK.</summary>
    public async Task PublishAsync(string topic, byte[] payload, CancellationToken cancellationToken)
    {
        EnsureOpen();
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        await _client.PublishAsync(message, cancellationToken).ConfigureAwait(false);
    }

    public async Task DisconnectAsync(CancellationToken cancellationToken = default)
    {
        if (!SetState(ConnectionState.Closed))
        {
            return;
        }
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
        _client.Dispose();
    }

    public override string ToString() => $"{Options.Scope.Username} @ {Options.Endpoint} ({State})";

    private async Task ConnectOnceAsync(CancellationToken cancellationToken)
    {
        var now = Options.Clock.GetUtcNow();
        var expiresAt = now + Options.TokenLifetime;
        var token = OneNetToken.Create(Options.Scope.Username, Options.AccessKey, expiresAt, Options.Method, TokenVersion.Application);
        var mqttOptions = BuildMqttOptions(token);

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
        catch (Exception ex) when (ex is MqttCommunicationException or SocketException or IOException)
        {
            if (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw TimedOut(ex);
            }
            throw new OneNetConnectException(ConnectFailure.Unreachable, Options.Endpoint,
                $"Cannot reach the OneNET server at {Options.Endpoint}: {Innermost(ex).Message} Check -Server and -Port, the network and any firewall.",
                innerException: ex);
        }
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw Refused(result.ResultCode, null);
        }
        TokenExpiresAt = DateTimeOffset.FromUnixTimeSeconds(expiresAt.ToUnixTimeSeconds());
        ConnectedSince = Options.Clock.GetUtcNow();
        LastError = null;
        SetState(ConnectionState.Connected);
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
            builder.WithTlsOptions(tls => tls
                .UseTls()
                .WithTargetHost(Options.Server)
                .WithAllowUntrustedCertificates(Options.SkipCertificateCheck)
                .WithIgnoreCertificateChainErrors(Options.SkipCertificateCheck)
                .WithCertificateValidationHandler(Options.SkipCertificateCheck ? _ => true : null));
        }
        return builder.Build();
    }

    private async Task SubscribeBatchAsync((string Topic, TaskCompletionSource<bool> Source)[] batch, CancellationToken cancellationToken)
    {
        var builder = new MqttClientSubscribeOptionsBuilder();
        foreach (var (topic, _) in batch)
        {
            builder.WithTopicFilter(topic, MqttQualityOfServiceLevel.AtLeastOnce);
        }
        var result = await _client.SubscribeAsync(builder.Build(), cancellationToken).ConfigureAwait(false);
        var codes = result.Items.ToDictionary(i => i.TopicFilter.Topic, i => i.ResultCode, StringComparer.Ordinal);
        foreach (var (topic, source) in batch)
        {
            source.TrySetResult(codes.TryGetValue(topic, out var code) && code <= MqttClientSubscribeResultCode.GrantedQoS2);
        }
    }

    private Task OnMessageReceivedAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        var topic = args.ApplicationMessage.Topic;
        var listeners = _subscriptions.ListenersOf(topic);
        if (listeners.IsEmpty)
        {
            return Task.CompletedTask;
        }
        var receivedAt = Options.Clock.GetUtcNow();
        var payload = args.ApplicationMessage.Payload;
        foreach (var listener in listeners)
        {
            listener.OnMessage(topic, payload, receivedAt);
        }
        return Task.CompletedTask;
    }

    private void EnsureOpen()
    {
        if (State == ConnectionState.Closed)
        {
            throw new ObjectDisposedException(nameof(OneNetConnection), $"The session {Options.Scope.Username} @ {Options.Endpoint} is closed.");
        }
    }

    private OneNetConnectException TimedOut(Exception? inner = null) =>
        new(ConnectFailure.TimedOut, Options.Endpoint,
            $"No answer from the OneNET server at {Options.Endpoint} within {Options.ConnectTimeout.TotalSeconds:0.#} s. Check -Server and -Port and that the network allows the connection.",
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

    private bool SetState(ConnectionState state)
    {
        lock (_gate)
        {
            if (_state == state || _state == ConnectionState.Closed)
            {
                return false;
            }
            _state = state;
        }
        StateChanged?.Invoke(this, state);
        return true;
    }

    private void ReleaseListeners()
    {
        Volatile.Read(ref _sets)?.OnConnectionClosed();
        foreach (var listener in _subscriptions.AllListeners)
        {
            listener.OnConnectionClosed();
        }
        _subscriptions.Clear();
    }

    // There is no reconnect loop yet: a lost link closes the session, with the reason in LastError, so that
    // watches end and report it instead of waiting on a dead connection.
    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs args)
    {
        if (args.ClientWasConnected && State != ConnectionState.Closed)
        {
            LastError = $"The connection was lost: {args.Exception?.Message ?? $"the server closed it ({args.Reason})"}.";
            if (SetState(ConnectionState.Closed))
            {
                ReleaseListeners();
            }
        }
        return Task.CompletedTask;
    }
}
