using System.Text;
using System.Text.Json;
using MQTTnet;

namespace OneNetStudio.Bench;

/// <summary>The device side for the fleet-set benchmark: answers every property set at once with success.</summary>
internal static class Responder
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var client = await Mqtt.ConnectAsync(args.Get("host", "127.0.0.1"), args.Int("port", 1883), "responder");
        client.ApplicationMessageReceivedAsync += e =>
        {
            var reader = new Utf8JsonReader(e.ApplicationMessage.Payload);
            string? requestId = null;
            while (requestId is null && reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("requestId"u8) && reader.Read())
                {
                    requestId = reader.GetString();
                }
            }
            var reply = Encoding.UTF8.GetBytes($$"""{"requestId":"{{requestId}}","success":true}""");
            _ = Mqtt.PublishAsync(client, e.ApplicationMessage.Topic + "/reply", reply);
            return Task.CompletedTask;
        };
        await Mqtt.SubscribeAsync(client, ["$sys/+/+/thing/property/set"]);
        Console.Error.WriteLine("responder: ready");
        await Task.Run(() => Console.In.ReadToEnd()); // until the benchmark closes our stdin
        await client.DisconnectAsync();
        return 0;
    }
}
