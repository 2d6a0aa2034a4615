using System.Text;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace OneNetStudio.Tests;

/// <summary>
/// The device side for a broker that is not our simulator: answers every property set on
/// <c>$sys/+/+/thing/property/set</c> with a success reply, and publishes property reports on request.
/// </summary>
internal sealed class DeviceResponder : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private int _answered;

    public int Answered => Volatile.Read(ref _answered);

    /// <summary>Connects the device side; with <paramref name="tls"/> over TLS, trusting any certificate (it is the test's own broker).</summary>
    public static async Task<DeviceResponder> StartAsync(string host, int port, bool tls = false)
    {
        var responder = new DeviceResponder();
        responder._client.ApplicationMessageReceivedAsync += responder.AnswerAsync;
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithClientId("device-responder-" + Guid.NewGuid().ToString("N"));
        if (tls)
        {
            options.WithTlsOptions(o => o.UseTls().WithCertificateValidationHandler(_ => true));
        }
        await responder._client.ConnectAsync(options.Build());
        await responder._client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter("$sys/+/+/thing/property/set", MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());
        return responder;
    }

    public Task ReportAsync(string productId, string deviceName, int sequence) =>
        _client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic($"$sys/{productId}/{deviceName}/thing/property")
            .WithPayload(JsonSerializer.SerializeToUtf8Bytes(new
            {
                productId,
                deviceName,
                messageType = "notify",
                notifyType = "property",
                data = new { id = sequence.ToString(), @params = new { seq = new { value = sequence, time = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() } } },
            }))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());

    private async Task AnswerAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        using var request = JsonDocument.Parse(e.ApplicationMessage.Payload);
        var requestId = request.RootElement.GetProperty("requestId").GetString();
        Interlocked.Increment(ref _answered);
        await _client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(e.ApplicationMessage.Topic + "/reply")
            .WithPayload(Encoding.UTF8.GetBytes($$$"""{"requestId":"{{{requestId}}}","success":true}"""))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build());
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }
        _client.Dispose();
    }
}
