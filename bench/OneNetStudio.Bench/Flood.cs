using System.Diagnostics;
using System.Text;
using MQTTnet;

namespace OneNetStudio.Bench;

/// <summary>
/// Waits for bench/start, then publishes N property reports of about 300 bytes (product.md 2.4, data.id = sequence
/// number) at QoS 1 over the devices, round robin, one connection per device, many publishes in flight.
/// </summary>
internal static class Flood
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var host = args.Get("host", "127.0.0.1");
        var port = args.Int("port", 1883);
        var count = args.Int("count", 200_000);
        var devices = args.Int("devices", 10);
        var product = args.Get("product", "BenchProduct");
        var window = args.Int("window", 2000);

        var clients = new IMqttClient[devices];
        for (var d = 0; d < devices; d++)
        {
            clients[d] = await Mqtt.ConnectAsync(host, port, $"flood{d}");
        }
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        clients[0].ApplicationMessageReceivedAsync += e =>
        {
            started.TrySetResult();
            return Task.CompletedTask;
        };
        await Mqtt.SubscribeAsync(clients[0], [Mqtt.StartTopic]);
        Console.Error.WriteLine("flood: ready");
        await started.Task;

        var clock = Stopwatch.StartNew();
        using var inFlight = new SemaphoreSlim(window);
        var failures = 0;
        var time = Mqtt.Now();
        for (var seq = 0; seq < count; seq++)
        {
            await inFlight.WaitAsync();
            var device = seq % devices;
            var payload = Payload(product, device, seq, time);
            _ = Mqtt.PublishAsync(clients[device], Mqtt.PropertyTopic(product, device), payload).ContinueWith(t =>
            {
                if (!t.IsCompletedSuccessfully) Interlocked.Increment(ref failures);
                inFlight.Release();
            }, TaskScheduler.Default);
        }
        for (var i = 0; i < window; i++)
        {
            await inFlight.WaitAsync();
        }
        Console.WriteLine($$"""{"published":{{count}},"failures":{{failures}},"elapsedMs":{{clock.ElapsedMilliseconds}}}""");
        foreach (var client in clients)
        {
            await client.DisconnectAsync();
            client.Dispose();
        }
        return 0;
    }

    public static byte[] Payload(string product, int device, int seq, long time)
    {
        var t = time.ToString();
        var value = (string v) => "{\"value\":" + v + ",\"time\":" + t + "}";
        return Encoding.UTF8.GetBytes(string.Concat(
            "{\"productId\":\"", product, "\",\"deviceName\":\"dev", device.ToString("D2"),
            "\",\"messageType\":\"notify\",\"notifyType\":\"property\",\"data\":{\"id\":\"", seq.ToString(),
            "\",\"params\":{\"temperature\":", value("23.6"), ",\"humidity\":", value("55"), ",\"Power\":", value("\"on\""),
            ",\"switch\":", value("true"), "}}}"));
    }
}
