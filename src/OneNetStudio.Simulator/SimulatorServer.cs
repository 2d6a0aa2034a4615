using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using MQTTnet.Server;
using OneNetStudio.Core.Security;
using OneNetStudio.Core.Topics;
using OneNetStudio.Simulator.Api;
using OneNetStudio.Simulator.Engine;
using OneNetStudio.Simulator.Messages;
using OneNetStudio.Simulator.Security;
using OneNetStudio.Simulator.Things;

namespace OneNetStudio.Simulator;

/// <summary>
/// The embedded OneNET platform: an MQTT 3.1.1 broker on loopback that authenticates and authorises applications as
/// the platform does, runs a simulated fleet, keeps what the platform keeps about it (latest values, report, event
/// and status histories, desired values), and answers property and desired sets; and the platform's HTTP
/// application API (product.md 2.7) on another loopback port, served from that same state. Test hooks let a caller
/// take devices offline, silence them, inject payloads, drop connections and restart the listener.
/// </summary>
public sealed class SimulatorServer : IAsyncDisposable
{
    internal const string PlatformClientId = "$onenet-platform";
    private const string PrincipalKey = "onenet.principal";

    /// <summary>Property reports the whole fleet keeps at most (per device: this divided by the devices, 16 to PropertyHistoryLimit).</summary>
    internal const int ReportHistoryBudget = 400_000;

    private readonly SimulatorOptions _options;
    private readonly ConnectionAuthenticator _authenticator;
    private readonly SimulatorCounters _counters = new();
    private readonly SubscriptionIndex _subscriptions = new();
    private readonly Random _random;
    private readonly object _randomGate = new();
    private readonly CancellationTokenSource _lifetime = new();
    private readonly SemaphoreSlim _listenerGate = new(1, 1);
    private MqttServer? _server;
    private ApiServer? _api;
    private Task? _reportLoop;
    private long _messageId;
    private int _connectedClients;

    private SimulatorServer(SimulatorOptions options, int port)
    {
        _options = options;
        Clock = new ShiftedClock(options.Clock);
        Port = port;
        _random = options.Seed is { } seed ? new Random(seed) : new Random();
        UserKey = options.UserKey ?? NewKey(32);
        GroupKey = options.GroupKey ?? NewKey(48);
        var groupSize = options.GroupDeviceCount ?? (options.DeviceCount + 1) / 2;
        var devices = Math.Max(1, options.ProductIds.Count * options.DeviceCount);
        var limits = new HistoryLimits(Math.Min(options.PropertyHistoryLimit, Math.Max(16, ReportHistoryBudget / devices)), options.EventHistoryLimit);
        Fleet = DeviceFleet.Create(options.ProductIds, options.DeviceCount, groupSize, ThingModel.Default, _random, NowMs(), options.InactiveDeviceCount, limits);
        _authenticator = new ConnectionAuthenticator(options.UserId, AccessKey.FromBase64(UserKey), options.ProjectId, options.GroupId,
            AccessKey.FromBase64(GroupKey), Fleet, Clock);
    }

    public string Host => IPAddress.Loopback.ToString();
    public int Port { get; }
    public string UserId => _options.UserId;
    public string ProjectId => _options.ProjectId;
    public string GroupId => _options.GroupId;
    public SimulatorOptions Options => _options;
    public DeviceFleet Fleet { get; }
    public bool IsListening => _server?.IsStarted == true;

    /// <summary>The HTTP application API's loopback port.</summary>
    public int ApiPort => _api?.Port ?? 0;

    /// <summary>Where the HTTP application API listens, as the platform's <c>https://openapi.heclouds.com</c>: <c>http://127.0.0.1:{ApiPort}</c>.</summary>
    public string ApiEndpoint => $"http://{Host}:{ApiPort}";
    public bool IsDisposed => _lifetime.IsCancellationRequested;

    /// <summary>The platform's time: tokens are checked and messages stamped with it. <see cref="ShiftedClock.Advance"/> jumps it ahead.</summary>
    public ShiftedClock Clock { get; }

    /// <summary>While true every CONNECT is refused with CONNACK 4, as when the platform revokes a key.</summary>
    public bool RefuseAllLogins { get; set; }

    /// <summary>While true every CONNECT gets CONNACK 3 (server unavailable), as during platform maintenance.</summary>
    public bool Unavailable { get; set; }

    /// <summary>While true every SUBSCRIBE is refused (SUBACK 0x80), as when the account loses sight of its devices.</summary>
    public bool RefuseAllSubscriptions { get; set; }

    /// <summary>Why the last CONNECT was refused (for diagnosing a test); clients only ever see CONNACK 4.</summary>
    public string? LastAuthFailure { get; private set; }

    /// <summary>Why the last API call was refused with authPermissionDeny (for diagnosing a test); clients see only the code.</summary>
    public string? LastApiAuthFailure { get; internal set; }

    internal string UserKey { get; }
    internal string GroupKey { get; }
    internal SimulatorCounters LiveCounters => _counters;
    internal ConnectionAuthenticator Authenticator => _authenticator;
    internal CancellationToken Lifetime => _lifetime.Token;

    public SimulatorCountersSnapshot Counters => _counters.Snapshot(Volatile.Read(ref _connectedClients));

    public static async Task<SimulatorServer> StartAsync(SimulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var port = options.Port == 0 ? FindFreePort() : options.Port;
        var simulator = new SimulatorServer(options, port);
        try
        {
            await simulator.StartListenerAsync().ConfigureAwait(false);
            simulator._api = ApiServer.Start(simulator, options.ApiPort);
        }
        catch
        {
            await simulator.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        simulator._reportLoop = Task.Run(() => simulator.RunReportLoopAsync(simulator._lifetime.Token), CancellationToken.None);
        return simulator;
    }

    /// <summary>Starts accepting connections again on the same port (after <see cref="StopListenerAsync"/>).</summary>
    public async Task StartListenerAsync()
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        await _listenerGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_server is { IsStarted: true })
            {
                return;
            }
            var server = CreateServer();
            try
            {
                await server.StartAsync().ConfigureAwait(false);
            }
            catch (SocketException ex)
            {
                server.Dispose();
                throw new InvalidOperationException($"The simulator cannot listen on 127.0.0.1:{Port}: {ex.Message}", ex);
            }
            _server = server;
        }
        finally
        {
            _listenerGate.Release();
        }
    }

    /// <summary>Closes the listener and every connection, as a platform outage would; the fleet keeps its state.</summary>
    public async Task StopListenerAsync()
    {
        await _listenerGate.WaitAsync().ConfigureAwait(false);
        try
        {
            var server = _server;
            _server = null;
            if (server is null)
            {
                return;
            }
            try
            {
                await server.StopAsync().ConfigureAwait(false);
            }
            finally
            {
                server.Dispose();
                _subscriptions.Clear();
                Volatile.Write(ref _connectedClients, 0);
            }
        }
        finally
        {
            _listenerGate.Release();
        }
    }

    public async Task RestartListenerAsync()
    {
        await StopListenerAsync().ConfigureAwait(false);
        await StartListenerAsync().ConfigureAwait(false);
    }

    /// <summary>Closes every client connection (the listener stays up), as a network fault would.</summary>
    public async Task DropAllConnectionsAsync()
    {
        if (_server is not { } server)
        {
            return;
        }
        foreach (var client in await server.GetClientsAsync().ConfigureAwait(false))
        {
            try
            {
                await client.DisconnectAsync(new MqttServerClientDisconnectOptions { ReasonCode = MqttDisconnectReasonCode.ServerShuttingDown }).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ObjectDisposedException or InvalidOperationException or IOException)
            {
                // The client went away by itself meanwhile.
            }
        }
    }

    /// <summary>Takes a device online or offline and publishes the lifecycle message if that changed its state.</summary>
    public async Task SetDeviceOnlineAsync(string productId, string deviceName, bool online)
    {
        var device = Fleet.Find(productId, deviceName) ?? throw new ArgumentException($"The simulator has no device {productId}/{deviceName}.", nameof(deviceName));
        if (device.SetOnline(online, NowMs()))
        {
            await PublishAsync(device.LifecycleTopic, PlatformMessages.Lifecycle(device.ProductId, device.Name, online, NowMs())).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Silences a device, or lets it speak again: a silent device stays online but answers nothing sent to it, so a
    /// property set, a live property read or a service call times out (306) after <see cref="SimulatorOptions.DeviceReplyTimeout"/>.
    /// </summary>
    public void SetDeviceSilent(string productId, string deviceName, bool silent)
    {
        var device = Fleet.Find(productId, deviceName) ?? throw new ArgumentException($"The simulator has no device {productId}/{deviceName}.", nameof(deviceName));
        device.Silent = silent;
    }

    /// <summary>
    /// Has an online device raise an event now (subscribers or not), which the platform also keeps in its event
    /// history; <paramref name="value"/> null makes one up from the event's outputs.
    /// </summary>
    public async Task EmitEventAsync(string productId, string deviceName, string identifier, IReadOnlyDictionary<string, object?>? value = null)
    {
        var device = Fleet.Find(productId, deviceName) ?? throw new ArgumentException($"The simulator has no device {productId}/{deviceName}.", nameof(deviceName));
        var definition = device.Model.FindEvent(identifier) ?? throw new ArgumentException($"The thing model has no event '{identifier}'.", nameof(identifier));
        if (!device.Online)
        {
            throw new InvalidOperationException($"Device {device} is offline: an offline device raises no events.");
        }
        await PublishEventAsync(device, definition, value).ConfigureAwait(false);
    }

    /// <summary>Publishes <paramref name="count"/> property reports for each online device (or the one named), subscribers or not.</summary>
    public async Task<int> EmitPropertyReportsAsync(int count, string? productId = null, string? deviceName = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var devices = deviceName is null
            ? Fleet.Devices.Where(d => productId is null || d.ProductId == productId).ToList()
            : [Fleet.Find(productId ?? Fleet.Devices[0].ProductId, deviceName) ?? throw new ArgumentException($"The simulator has no device {productId}/{deviceName}.", nameof(deviceName))];
        var sent = 0;
        for (var i = 0; i < count; i++)
        {
            foreach (var device in devices.Where(d => d.Online))
            {
                await PublishReportAsync(device).ConfigureAwait(false);
                sent++;
            }
        }
        return sent;
    }

    /// <summary>True once some client has subscribed to exactly this topic (and until it unsubscribes or goes).</summary>
    public bool HasSubscribers(string topic) => !string.IsNullOrEmpty(topic) && _subscriptions.HasSubscribers(topic);

    /// <summary>Publishes raw bytes on any topic, as a faulty platform or device would (malformed payloads, odd shapes).</summary>
    public Task InjectAsync(string topic, byte[] payload)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentNullException.ThrowIfNull(payload);
        return PublishAsync(topic, payload);
    }

    public async ValueTask DisposeAsync()
    {
        if (IsDisposed)
        {
            return;
        }
        _lifetime.Cancel();
        _api?.Dispose();
        if (_reportLoop is not null)
        {
            await _reportLoop.ConfigureAwait(false);
        }
        await StopListenerAsync().ConfigureAwait(false);
        _lifetime.Dispose();
    }

    private MqttServer CreateServer()
    {
        var options = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointBoundIPV6Address(IPAddress.None)
            .WithDefaultEndpointPort(Port)
            .WithDefaultEndpointReuseAddress()
            .WithMaxPendingMessagesPerClient(_options.MaxPendingMessagesPerClient)
            .WithPendingMessagesOverflowStrategy(MqttPendingMessagesOverflowStrategy.DropNewMessage)
            .Build();
        var server = new MqttServerFactory().CreateMqttServer(options);
        server.ValidatingConnectionAsync += OnValidatingConnectionAsync;
        server.ClientConnectedAsync += _ => { Interlocked.Increment(ref _connectedClients); return Task.CompletedTask; };
        server.ClientDisconnectedAsync += OnClientDisconnectedAsync;
        server.InterceptingSubscriptionAsync += OnInterceptingSubscriptionAsync;
        server.ClientSubscribedTopicAsync += e => { _subscriptions.Add(e.ClientId, e.TopicFilter.Topic); return Task.CompletedTask; };
        server.ClientUnsubscribedTopicAsync += e => { _subscriptions.Remove(e.ClientId, e.TopicFilter); return Task.CompletedTask; };
        server.InterceptingPublishAsync += OnInterceptingPublishAsync;
        server.ApplicationMessageEnqueuedOrDroppedAsync += OnEnqueuedOrDroppedAsync;
        return server;
    }

    private Task OnValidatingConnectionAsync(ValidatingConnectionEventArgs e)
    {
        if (e.ProtocolVersion != MqttProtocolVersion.V311)
        {
            SimulatorCounters.Increment(ref _counters.AuthFailures);
            LastAuthFailure = $"protocol {e.ProtocolVersion} is not MQTT 3.1.1";
            e.ReasonCode = MqttConnectReasonCode.UnsupportedProtocolVersion;
            return Task.CompletedTask;
        }
        if (Unavailable)
        {
            LastAuthFailure = "the platform is unavailable (Unavailable)";
            e.ReasonCode = MqttConnectReasonCode.ServerUnavailable;
            return Task.CompletedTask;
        }
        var result = RefuseAllLogins
            ? AuthenticationResult.Refuse("all logins are being refused (RefuseAllLogins)")
            : _authenticator.Authenticate(e.UserName, e.Password);
        if (result.Principal is null)
        {
            SimulatorCounters.Increment(ref _counters.AuthFailures);
            LastAuthFailure = result.FailureReason;
            e.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
            return Task.CompletedTask;
        }
        e.SessionItems[PrincipalKey] = result.Principal;
        SimulatorCounters.Increment(ref _counters.Connections);
        return Task.CompletedTask;
    }

    private Task OnClientDisconnectedAsync(ClientDisconnectedEventArgs e)
    {
        if (e.DisconnectType != MqttClientDisconnectType.Takeover)
        {
            _subscriptions.RemoveClient(e.ClientId);
        }
        if (Interlocked.Decrement(ref _connectedClients) < 0)
        {
            Interlocked.Exchange(ref _connectedClients, 0);
        }
        return Task.CompletedTask;
    }

    private Task OnInterceptingSubscriptionAsync(InterceptingSubscriptionEventArgs e)
    {
        if (!RefuseAllSubscriptions && e.SessionItems[PrincipalKey] is SimulatorPrincipal principal && TopicAuthorizer.CanSubscribe(principal, e.TopicFilter.Topic))
        {
            SimulatorCounters.Increment(ref _counters.Subscriptions);
            return Task.CompletedTask;
        }
        SimulatorCounters.Increment(ref _counters.SubscriptionsRefused);
        e.ProcessSubscription = false;
        e.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
        return Task.CompletedTask;
    }

    // Runs inline on the client's receive loop: it must not throw and must not wait for the set to be answered.
    private Task OnInterceptingPublishAsync(InterceptingPublishEventArgs e)
    {
        if (e.ClientId == PlatformClientId)
        {
            return Task.CompletedTask;
        }
        e.ProcessPublish = false;
        if (e.SessionItems[PrincipalKey] is not SimulatorPrincipal principal
            || !TopicAuthorizer.CanPublish(principal, e.ApplicationMessage.Topic, out var topic))
        {
            SimulatorCounters.Increment(ref _counters.PublishesRefused);
            return Task.CompletedTask;
        }
        SimulatorCounters.Increment(ref topic.Kind == TopicKind.PropertySet ? ref _counters.SetsReceived : ref _counters.DesiredSetsReceived);
        var payload = e.ApplicationMessage.Payload.ToArray();
        _ = Task.Run(() => HandleSetAsync(topic, payload));
        return Task.CompletedTask;
    }

    private Task OnEnqueuedOrDroppedAsync(ApplicationMessageEnqueuedEventArgs e)
    {
        SimulatorCounters.Increment(ref e.IsDropped ? ref _counters.DroppedMessages : ref _counters.MessagesOut);
        return Task.CompletedTask;
    }

    private async Task HandleSetAsync(DeviceTopic topic, byte[] payload)
    {
        try
        {
            var request = SetRequest.TryParse(payload);
            if (request is null)
            {
                SimulatorCounters.Increment(ref _counters.BadRequests);
                return;
            }
            var outcome = SetEvaluator.Evaluate(topic, request, Fleet, out var device, out var values);
            if (request.Params is null)
            {
                SimulatorCounters.Increment(ref _counters.BadRequests);
            }
            var isPropertySet = topic.Kind == TopicKind.PropertySet;
            // A silent device takes the set but never answers: the platform gives up after its timeout (306).
            var unanswered = outcome.Success && isPropertySet && device!.Silent;
            if (unanswered)
            {
                outcome = SetOutcome.Timeout();
            }
            else if (outcome.Success)
            {
                if (isPropertySet)
                {
                    device!.Apply(values);
                }
                else
                {
                    device!.ApplyDesired(values);
                }
            }
            if (isPropertySet ? !_options.ReplyToPropertySet : !_options.ReplyToDesiredSet)
            {
                return;
            }
            var wait = unanswered ? DeviceReplyTimeout : _options.ReplyDelay;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, Clock, _lifetime.Token).ConfigureAwait(false);
            }
            var replyTopic = OneNetTopics.Build(topic.ProductId, topic.DeviceName, TopicKind.SetReply);
            await PublishAsync(replyTopic, PlatformMessages.SetReply(request.RequestId, outcome)).ConfigureAwait(false);
            SimulatorCounters.Increment(ref _counters.SetsAnswered);
            if (outcome.Success && isPropertySet)
            {
                await ReportAsync(device!, values).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task RunReportLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.ReportInterval, Clock);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (var device in Fleet.Devices)
                {
                    if (cancellationToken.IsCancellationRequested)
                    {
                        return;
                    }
                    if (!device.Online)
                    {
                        continue;
                    }
                    if (_subscriptions.HasSubscribers(device.PropertyTopic))
                    {
                        await PublishReportAsync(device).ConfigureAwait(false);
                    }
                    if (_subscriptions.HasSubscribers(device.EventTopic) && device.Model.Events.Count > 0 && NextDouble() < _options.EventProbability)
                    {
                        await PublishEventAsync(device, device.Model.Events[0], null).ConfigureAwait(false);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    private Task PublishReportAsync(SimulatedDevice device)
    {
        IReadOnlyDictionary<string, object?> values;
        lock (_randomGate)
        {
            values = device.Drift(_random);
        }
        return ReportAsync(device, values);
    }

    /// <summary>A device reports values: the platform keeps them (latest value, history) and pushes them to subscribers.</summary>
    internal Task ReportAsync(SimulatedDevice device, IReadOnlyDictionary<string, object?> values)
    {
        var now = NowMs();
        device.RecordReport(values, now);
        return PublishAsync(device.PropertyTopic, PlatformMessages.PropertyReport(device.ProductId, device.Name, NextMessageId(), values, now));
    }

    private Task PublishEventAsync(SimulatedDevice device, EventDefinition definition, IReadOnlyDictionary<string, object?>? value)
    {
        var now = NowMs();
        if (value is null)
        {
            lock (_randomGate)
            {
                value = definition.Outputs.ToDictionary(o => o.Identifier, o => o.Type.Sample(_random, now), StringComparer.Ordinal);
            }
        }
        device.RecordEvent(new EventRecord(now, definition, value));
        return PublishAsync(device.EventTopic, PlatformMessages.Event(device.ProductId, device.Name, NextMessageId(), definition.Identifier, value, now));
    }

    /// <summary>
    /// How a simulated device answers something the platform sends it and waits for (a set, a property read, a
    /// service call): after the reply delay, true; a silent device never answers, so after the platform's timeout
    /// (the device timeout, capped by the API's server timeout), false.
    /// </summary>
    internal async Task<bool> DeviceAnswersAsync(SimulatedDevice device, CancellationToken cancellationToken)
    {
        var answers = !device.Silent && _options.ReplyDelay < DeviceReplyTimeout;
        var wait = answers ? _options.ReplyDelay : DeviceReplyTimeout;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, Clock, cancellationToken).ConfigureAwait(false);
        }
        return answers;
    }

    /// <summary>The platform's wait for a device: the device timeout, never past the API's server timeout.</summary>
    internal TimeSpan DeviceReplyTimeout => _options.DeviceReplyTimeout < _options.ApiRequestTimeout ? _options.DeviceReplyTimeout : _options.ApiRequestTimeout;

    /// <summary>A made-up value of a type, from the simulator's seeded random source.</summary>
    internal object? Sample(ThingValueType type)
    {
        lock (_randomGate)
        {
            return type.Sample(_random, NowMs());
        }
    }

    private async Task PublishAsync(string topic, byte[] payload)
    {
        if (_server is not { IsStarted: true } server)
        {
            return;
        }
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        try
        {
            await server.InjectApplicationMessage(new InjectedMqttApplicationMessage(message) { SenderClientId = PlatformClientId }, _lifetime.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ObjectDisposedException or InvalidOperationException)
        {
            // The listener was stopped meanwhile: the platform keeps no cache, so the message is simply lost.
        }
    }

    private double NextDouble()
    {
        lock (_randomGate)
        {
            return _random.NextDouble();
        }
    }

    internal string NextMessageId() => Interlocked.Increment(ref _messageId).ToString(System.Globalization.CultureInfo.InvariantCulture);

    internal long NowMs() => Clock.GetUtcNow().ToUnixTimeMilliseconds();

    private static string NewKey(int bytes) => Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes));

    private static int FindFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
