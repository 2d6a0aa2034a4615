using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using MQTTnet;

namespace OneNetStudio.Bench;

/// <summary>
/// The raw MQTTnet requester with the same window as Set-OneNetProperty -ThrottleLimit: reply topics subscribed once
/// per device, requestId correlation in a dictionary, QoS 1.
/// </summary>
internal static class RawRequester
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var count = args.Int("count", 10_000);
        var window = args.Int("window", 256);
        var devices = args.Int("devices", 10_000);
        var product = args.Get("product", "BenchProduct");
        var client = await Mqtt.ConnectAsync(args.Get("host", "127.0.0.1"), args.Int("port", 1883), "rawset");
        var pending = new ConcurrentDictionary<string, (TaskCompletionSource Done, long Started)>();
        client.ApplicationMessageReceivedAsync += e =>
        {
            var reader = new Utf8JsonReader(e.ApplicationMessage.Payload);
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("requestId"u8) && reader.Read())
                {
                    if (pending.TryRemove(reader.GetString()!, out var entry)) entry.Done.TrySetResult();
                    break;
                }
            }
            return Task.CompletedTask;
        };
        var subscribed = new ConcurrentDictionary<string, Task>();
        var latencies = new double[count];
        using var inFlight = new SemaphoreSlim(window);
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var pauseBefore = GC.GetTotalPauseDuration();
        int[] collectionsBefore = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        var clock = Stopwatch.StartNew();
        var tasks = new List<Task>(count);
        for (var i = 0; i < count; i++)
        {
            await inFlight.WaitAsync();
            var index = i;
            var device = $"dev{i % devices:D5}";
            tasks.Add(Task.Run(async () =>
            {
                try
                {
                    var baseTopic = $"$sys/{product}/{device}/thing/property/set";
                    await subscribed.GetOrAdd(baseTopic, t => Mqtt.SubscribeAsync(client, [t + "/reply"]));
                    var requestId = Guid.NewGuid().ToString("N");
                    var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    var started = Stopwatch.GetTimestamp();
                    pending[requestId] = (done, started);
                    await Mqtt.PublishAsync(client, baseTopic, Encoding.UTF8.GetBytes("{\"requestId\":\"" + requestId + "\",\"data\":{\"version\":\"1.0\",\"params\":{\"humidity\":" + (index % 100) + "}}}"));
                    await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
                    latencies[index] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                }
                finally
                {
                    inFlight.Release();
                }
            }));
        }
        await Task.WhenAll(tasks);
        var elapsed = clock.Elapsed.TotalMilliseconds;
        process.Refresh();
        var cpuMs = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var gcPauseMs = (GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds;
        var collections = string.Join('/', Enumerable.Range(0, 3).Select(g => GC.CollectionCount(g) - collectionsBefore[g]));
        Array.Sort(latencies);
        Console.WriteLine($$"""{"sets":{{count}},"elapsedMs":{{elapsed:0}},"p50Ms":{{latencies[count / 2]:0.00}},"p99Ms":{{latencies[(int)(count * 0.99)]:0.00}},"cpuMs":{{cpuMs:0}},"allocatedBytes":{{allocated}},"gcPauseMs":{{gcPauseMs:0}},"collections":"{{collections}}"}""");
        await client.DisconnectAsync();
        return 0;
    }
}
