using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using MQTTnet;
using OneNetStudio.Core.Watching;

namespace OneNetStudio.Bench;

/// <summary>
/// The floors under the module, without PowerShell. Plain: a minimal MQTTnet subscriber that only counts and checks
/// sequence numbers (the library's ceiling). With --parse: the same plus the module's own receive path, MessageParser
/// into typed messages and the bounded WatchQueue to a second thread that takes them (the architecture's floor).
/// Reports the process CPU time spent from the start signal to the last message.
/// </summary>
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
        var parse = args.Get("parse", "false") == "true";

        var tally = new Tally(count);
        var client = await Mqtt.ConnectAsync(host, port, "rawsub");
        using var queue = parse ? new WatchQueue(10_000) : null;
        Thread? consumer = null;
        if (queue is null)
        {
            client.ApplicationMessageReceivedAsync += e =>
            {
                tally.Add(SequenceOf(e.ApplicationMessage.Payload));
                return Task.CompletedTask;
            };
        }
        else
        {
            client.ApplicationMessageReceivedAsync += e =>
            {
                var delivered = queue.OnMessageAsync(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload, DateTimeOffset.UtcNow);
                return delivered.IsCompletedSuccessfully ? Task.CompletedTask : delivered.AsTask();
            };
            consumer = new Thread(() =>
            {
                while (queue.TryTake(out var item, TimeSpan.FromMilliseconds(100), CancellationToken.None) || !queue.IsCompleted)
                {
                    if (item is OneNetPropertyMessage message)
                    {
                        tally.Add(int.TryParse(message.Id, out var seq) ? seq : -1);
                    }
                    // The queue drops what a stalled consumer cannot take (as a watch does): done once all are accounted for.
                    if (tally.Received + queue.Dropped >= count)
                    {
                        tally.Finish();
                    }
                }
            }) { IsBackground = true, Name = "consumer" };
            consumer.Start();
        }
        await Mqtt.SubscribeAsync(client, Enumerable.Range(0, devices).Select(d => Mqtt.PropertyTopic(product, d)));
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var startedAt = Mqtt.Now();
        await Mqtt.PublishAsync(client, Mqtt.StartTopic, "go"u8.ToArray());
        await Task.WhenAny(tally.Done, Task.Delay(timeout));
        var doneAt = Mqtt.Now();
        process.Refresh();
        var cpuMs = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;
        queue?.Complete();
        Console.WriteLine($$"""{"received":{{tally.Received}},"unique":{{tally.Unique}},"duplicates":{{tally.Duplicates}},"dropped":{{queue?.Dropped ?? 0}},"startedAt":{{startedAt}},"doneAt":{{doneAt}},"cpuMs":{{cpuMs:F0}},"peakWorkingSet":{{process.PeakWorkingSet64}}}""");
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

    /// <summary>Counts messages, unique sequence numbers and duplicates; completes once every number was seen. One writer thread.</summary>
    private sealed class Tally(int count)
    {
        private readonly bool[] _seen = new bool[count];
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public long Received { get; private set; }
        public long Unique { get; private set; }
        public long Duplicates { get; private set; }
        public Task Done => _done.Task;

        public void Finish() => _done.TrySetResult();

        public void Add(int seq)
        {
            Received++;
            if (seq >= 0 && seq < _seen.Length && !_seen[seq])
            {
                _seen[seq] = true;
                if (++Unique == _seen.Length) _done.TrySetResult();
            }
            else
            {
                Duplicates++;
            }
        }
    }
}
