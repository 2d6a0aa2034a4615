using System.Text;
using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using OneNetStudio.Core.Security;
using OneNetStudio.Simulator;

namespace OneNetStudio.Tests;

/// <summary>A plain MQTTnet client for tests: connects with whatever credentials it is given and records what arrives.</summary>
internal sealed class RawClient : IAsyncDisposable
{
    private readonly Channel<(string Topic, string Payload)> _received = Channel.CreateUnbounded<(string, string)>();

    private RawClient(IMqttClient client)
    {
        Client = client;
        client.ApplicationMessageReceivedAsync += e =>
        {
            _received.Writer.TryWrite((e.ApplicationMessage.Topic, Encoding.UTF8.GetString(e.ApplicationMessage.Payload)));
            return Task.CompletedTask;
        };
    }

    public IMqttClient Client { get; }

    public static string UserToken(SimulatorServer simulator, DateTimeOffset? expiresAt = null, string? resource = null, string version = TokenVersion.Application, string? key = null)
    {
        using var accessKey = AccessKey.FromBase64(key ?? simulator.UserKey);
        return OneNetToken.Create(resource ?? $"userid/{simulator.UserId}", accessKey, expiresAt ?? DateTimeOffset.UtcNow.AddHours(1), TokenMethod.Sha256, version);
    }

    public static string GroupToken(SimulatorServer simulator)
    {
        using var accessKey = AccessKey.FromBase64(simulator.GroupKey);
        return OneNetToken.Create($"projectid/{simulator.ProjectId}/groupid/{simulator.GroupId}", accessKey, DateTimeOffset.UtcNow.AddHours(1), TokenMethod.Md5);
    }

    public static Task<(RawClient? Client, MqttClientConnectResultCode Code)> TryConnectUserAsync(SimulatorServer simulator, string? token = null, MqttProtocolVersion version = MqttProtocolVersion.V311) =>
        TryConnectAsync(simulator, $"userid/{simulator.UserId}", token ?? UserToken(simulator), version);

    public static async Task<RawClient> ConnectUserAsync(SimulatorServer simulator) =>
        (await TryConnectUserAsync(simulator)).Client ?? throw new InvalidOperationException("connect refused");

    public static async Task<RawClient> ConnectGroupAsync(SimulatorServer simulator) =>
        (await TryConnectAsync(simulator, $"projectid/{simulator.ProjectId}/groupid/{simulator.GroupId}", GroupToken(simulator), MqttProtocolVersion.V311)).Client
        ?? throw new InvalidOperationException("connect refused");

    public static async Task<(RawClient? Client, MqttClientConnectResultCode Code)> TryConnectAsync(SimulatorServer simulator, string username, string password, MqttProtocolVersion version)
    {
        var mqtt = new MqttClientFactory().CreateMqttClient();
        var raw = new RawClient(mqtt);
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(simulator.Host, simulator.Port)
            .WithProtocolVersion(version)
            .WithClientId(Guid.NewGuid().ToString("N"))
            .WithCredentials(username, password)
            .WithTimeout(TimeSpan.FromSeconds(5))
            .Build();
        try
        {
            var result = await mqtt.ConnectAsync(options);
            if (result.ResultCode == MqttClientConnectResultCode.Success)
            {
                return (raw, result.ResultCode);
            }
            mqtt.Dispose();
            return (null, result.ResultCode);
        }
        catch (MQTTnet.Adapter.MqttConnectingFailedException)
        {
            mqtt.Dispose();
            return (null, MqttClientConnectResultCode.UnspecifiedError);
        }
    }

    public async Task<MqttClientSubscribeResultCode> SubscribeAsync(string topic)
    {
        var result = await Client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(topic, MqttQualityOfServiceLevel.AtLeastOnce).Build());
        return result.Items.Single().ResultCode;
    }

    public Task PublishAsync(string topic, string payload) =>
        Client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

    /// <summary>The next message on <paramref name="topic"/>, skipping others; fails the test after the timeout.</summary>
    public async Task<string> NextAsync(string topic, int timeoutMs = 5000)
    {
        using var timeout = new CancellationTokenSource(timeoutMs);
        while (true)
        {
            var (received, payload) = await _received.Reader.ReadAsync(timeout.Token);
            if (received == topic)
            {
                return payload;
            }
        }
    }

    /// <summary>True when nothing arrives on <paramref name="topic"/> within <paramref name="waitMs"/>.</summary>
    public async Task<bool> NothingOnAsync(string topic, int waitMs)
    {
        try
        {
            await NextAsync(topic, waitMs);
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Client.IsConnected)
        {
            await Client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build());
        }
        Client.Dispose();
    }
}
