using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using MQTTnet;

namespace OneNetStudio.Bench;

/// <summary>The library's own ceiling: a minimal MQTTnet subscriber that only counts and checks sequence numbers.</summary>
internal static class RawSubscriber
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var host = args.Get("host", "127.0.0.1");
        var port = args.Int("port", 1883);
        var count = args.Int("count", 200_000);
        var devices = args.Int("devices", 10);
        var product = args.Get("product", "BenchProduct");
        var timeout = TimeSpan.FromSeconds(args.Int("timeout", 120));

        var seen = new bool[count];
        long received = 0, duplicates = 0, unique = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var client = await Mqtt.ConnectAsync(host, port, "rawsub");
        client.ApplicationMessageReceivedAsync += e =>
        {
            var seq = SequenceOf(e.ApplicationMessage.Payload);
            received++;
            if (seq >= 0 && seq < count && !seen[seq])
            {
                seen[seq] = true;
                if (++unique == count) done.TrySetResult();
            }
            else
            {
                duplicates++;
            }
            return Task.CompletedTask;
        };
        await Mqtt.SubscribeAsync(client, Enumerable.Range(0, devices).Select(d => Mqtt.PropertyTopic(product, d)));
        var startedAt = Mqtt.Now();
        await Mqtt.PublishAsync(client, Mqtt.StartTopic, "go"u8.ToArray());
        await Task.WhenAny(done.Task, Task.Delay(timeout));
        var doneAt = Mqtt.Now();
        Console.WriteLine($$"""{"received":{{received}},"unique":{{unique}},"duplicates":{{duplicates}},"startedAt":{{startedAt}},"doneAt":{{doneAt}},"peakWorkingSet":{{Process.GetCurrentProcess().PeakWorkingSet64}}}""");
        await client.DisconnectAsync();
        return 0;
    }

    private static int SequenceOf(ReadOnlySequence<byte> payload)
    {
        var reader = new Utf8JsonReader(payload);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("id"u8) && reader.Read())
            {
                return int.TryParse(reader.GetString(), out var seq) ? seq : -1;
            }
        }
        return -1;
    }
}
