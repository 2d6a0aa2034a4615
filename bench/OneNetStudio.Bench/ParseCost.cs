using System.Buffers;
using System.Diagnostics;
using OneNetStudio.Core.Messages;

namespace OneNetStudio.Bench;

/// <summary>
/// MessageParser alone, on the flood's own report: time and managed bytes allocated per message, once cold (the first
/// 1,000, as a fresh watch pays them) and once warm. The profile of the parse without MQTT or PowerShell around it.
/// </summary>
internal static class ParseCost
{
    public static Task<int> RunAsync(BenchArgs args)
    {
        var count = args.Int("count", 1_000_000);
        var topic = Mqtt.PropertyTopic("BenchProduct", 3);
        var payloads = Enumerable.Range(0, 1000).Select(i => new ReadOnlySequence<byte>(Flood.Payload("BenchProduct", 3, Mqtt.Now(), i))).ToArray();
        var cold = Measure(topic, payloads, 1000);
        var warm = Measure(topic, payloads, count);
        Console.WriteLine($$"""{"coldNsPerMsg":{{cold.Ns:F0}},"warmNsPerMsg":{{warm.Ns:F0}},"warmBytesPerMsg":{{warm.Bytes:F0}},"payloadBytes":{{payloads[0].Length}}}""");
        return Task.FromResult(0);
    }

    private static (double Ns, double Bytes) Measure(string topic, ReadOnlySequence<byte>[] payloads, int count)
    {
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            // MQTTnet hands over a fresh topic string with every message; so does this loop (its ~100 bytes are counted).
            if (!MessageParser.TryParse(new string(topic.AsSpan()), payloads[i % payloads.Length], DateTimeOffset.UtcNow, out _, out var malformed))
            {
                throw new InvalidOperationException(malformed!.Problem);
            }
        }
        var ns = clock.Elapsed.TotalNanoseconds / count;
        return (ns, (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (double)count);
    }
}
