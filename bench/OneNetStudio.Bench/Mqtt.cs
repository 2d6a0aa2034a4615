using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace OneNetStudio.Bench;

/// <summary>Plain MQTTnet clients, configured the way a careful application would for a flood.</summary>
internal static class Mqtt
{
    public const string StartTopic = "bench/start";

    /// <summary>Socket buffer size for every client here (MQTTnet's default, 8 KB, stalls flood receivers).</summary>
    public static int BufferSize { get; set; } = 1024 * 1024;

    public static async Task<IMqttClient> ConnectAsync(string host, int port, string name)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithClientId($"{name}-{Guid.NewGuid():N}")
            .WithCleanSession(true)
            .WithTimeout(TimeSpan.FromSeconds(30))
            .Build();
        ((MqttClientTcpOptions)options.ChannelOptions).BufferSize = BufferSize;
        await client.ConnectAsync(options);
        return client;
    }

    public static Task SubscribeAsync(IMqttClient client, IEnumerable<string> topics)
    {
        var builder = new MqttClientSubscribeOptionsBuilder();
        foreach (var topic in topics)
        {
            builder.WithTopicFilter(topic, MqttQualityOfServiceLevel.AtLeastOnce);
        }
        return client.SubscribeAsync(builder.Build());
    }

    public static Task PublishAsync(IMqttClient client, string topic, byte[] payload, MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtLeastOnce) =>
        client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(qos).Build());

    public static string PropertyTopic(string product, int device) => $"$sys/{product}/dev{device:D2}/thing/property";

    public static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}
