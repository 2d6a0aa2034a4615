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

    public static async Task<DeviceResponder> StartAsync(string host, int port)
    {
        var responder = new DeviceResponder();
        responder._client.ApplicationMessageReceivedAsync += responder.AnswerAsync;
        await responder._client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithClientId("device-responder-" + Guid.NewGuid().ToString("N"))
            .Build());
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
