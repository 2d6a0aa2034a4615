using MQTTnet;
using MQTTnet.Formatter;
using OneNetStudio.Core.Security;
using OneNetStudio.Simulator;

namespace OneNetStudio.Bench;

/// <summary>A plain MQTTnet client signed in to the simulator as its user (the simulator checks tokens as the platform does).</summary>
internal static class SimulatorProbe
{
    public static async Task<IMqttClient> ConnectAsync(SimulatorServer simulator)
    {
        using var key = AccessKey.FromBase64(simulator.UserKey);
        var username = $"userid/{simulator.UserId}";
        var token = OneNetToken.Create(username, key, DateTimeOffset.UtcNow.AddHours(1), TokenMethod.Sha256, TokenVersion.Application);
        var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer(simulator.Host, simulator.Port)
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithClientId($"probe-{Guid.NewGuid():N}")
            .WithCredentials(username, token)
            .Build());
        return client;
    }
}
