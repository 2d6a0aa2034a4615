using System.Buffers;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Protocol;
using OneNetStudio.Core.Connection;
using OneNetStudio.Core.Security;
using OneNetStudio.Simulator.Faults;

namespace OneNetStudio.Bench;

/// <summary>
/// How fast a session with the default reconnect policy receives again after the faults a long watch meets, one fault
/// every --period seconds, rotating: mosquitto killed (back after 3 s), stopped (back after 15 s), frozen with SIGSTOP
/// for 25 s, and every link stalled for 20 s (a proxy that holds the bytes, as TCP over a black-holed route does).
/// A device publishes --rate reports a second straight to the broker; the session watches through the proxy. Prints
/// JSON: per fault the time from "the broker is back" to the first report received, and the share of the time the
/// broker was up in which the watch received.
/// </summary>
internal static class Recovery
{
    private const string Topic = "$sys/BenchProduct/dev00/thing/property";
    private static readonly TimeSpan Slot = TimeSpan.FromMilliseconds(250);

    public static async Task<int> RunAsync(BenchArgs args)
    {
        var period = TimeSpan.FromSeconds(args.Int("period", 60));
        var cycles = args.Int("cycles", 1);
        var rate = args.Int("rate", 50);
        // --policy before: the reconnect policy this replaced (1 s doubling to 60 s, reset after a minute up), for comparison.
        var before = args.Get("policy", "default") == "before";
        var clock = Stopwatch.StartNew();
        await using var broker = await MosquittoProcess.StartAsync(args.Get("mosquitto", "/usr/sbin/mosquitto"));
        await using var proxy = LinkFaultProxy.Start("127.0.0.1", broker.Port);
        var received = new ReceiveLog(clock);
        var scope = OneNetScope.ForUser("bench");
        var key = AccessKey.FromBase64(Convert.ToBase64String(new byte[32]));
        var options = before
            ? new ConnectionOptions
            {
                Scope = scope, AccessKey = key, Server = "127.0.0.1", Port = proxy.Port,
                ReconnectInitialDelay = TimeSpan.FromSeconds(1), ReconnectFastCeiling = TimeSpan.FromSeconds(60), StablePeriod = TimeSpan.FromSeconds(60),
            }
            : new ConnectionOptions { Scope = scope, AccessKey = key, Server = "127.0.0.1", Port = proxy.Port };
        await using var connection = await OneNetConnection.ConnectAsync(options, CancellationToken.None);
        await connection.SubscribeAsync(received, [Topic], CancellationToken.None);
        using var stop = new CancellationTokenSource();
        var device = Task.Run(() => PublishAsync(broker.Port, rate, stop.Token));

        var faults = new (string Name, TimeSpan Down, Func<Task> Break, Func<Task> Mend)[]
        {
            ("killed, back after 3 s", TimeSpan.FromSeconds(3), broker.KillAsync, broker.RestartAsync),
            ("stopped, back after 15 s", TimeSpan.FromSeconds(15), broker.StopAsync, broker.RestartAsync),
            ("frozen (SIGSTOP) 25 s", TimeSpan.FromSeconds(25), () => broker.SignalAsync("STOP"), () => broker.SignalAsync("CONT")),
            ("links stalled 20 s", TimeSpan.FromSeconds(20), () => { proxy.Fault = LinkFault.Stall; return Task.CompletedTask; }, () => { proxy.Fault = LinkFault.None; return Task.CompletedTask; }),
        };
        var outages = new List<(string Name, TimeSpan From, TimeSpan Back)>();
        var start = clock.Elapsed + TimeSpan.FromSeconds(5);
        for (var i = 0; i < cycles * faults.Length; i++)
        {
            var (name, down, breakIt, mendIt) = faults[i % faults.Length];
            await Task.Delay(Max(TimeSpan.Zero, start + i * period - clock.Elapsed));
            var from = clock.Elapsed;
            await breakIt();
            await Task.Delay(down);
            await mendIt();
            outages.Add((name, from, clock.Elapsed));
        }
        await Task.Delay(Max(TimeSpan.Zero, start + cycles * faults.Length * period - clock.Elapsed));
        var end = clock.Elapsed;
        stop.Cancel();
        await device;

        var recoveries = outages.Select(o => new
        {
            fault = o.Name,
            recoverySec = received.FirstAfter(o.Back) is { } first ? Math.Round((first - o.Back).TotalSeconds, 2) : (double?)null,
        }).ToList();
        var upSlots = 0;
        var receivingSlots = 0;
        for (var slot = start; slot + Slot <= end; slot += Slot)
        {
            if (outages.Any(o => slot + Slot > o.From && slot < o.Back))
            {
                continue;
            }
            upSlots++;
            if (received.Any(slot, slot + Slot))
            {
                receivingSlots++;
            }
        }
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            policy = before ? "before" : "default",
            periodSec = period.TotalSeconds,
            rate,
            faults = recoveries,
            receivingWhileUp = upSlots == 0 ? 0 : Math.Round((double)receivingSlots / upSlots, 4),
            received = received.Count,
            reconnects = connection.ReconnectCount,
        }));
        return 0;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>The device: --rate reports a second, reconnecting every 50 ms while the broker is away.</summary>
    private static async Task PublishAsync(int port, int rate, CancellationToken stop)
    {
        var payload = Encoding.UTF8.GetBytes("""{"productId":"BenchProduct","deviceName":"dev00","messageType":"notify","notifyType":"property","data":{"id":"1","params":{"t":{"value":1,"time":1}}}}""");
        var interval = TimeSpan.FromSeconds(1.0 / rate);
        IMqttClient? client = null;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                if (client is not { IsConnected: true })
                {
                    client?.Dispose();
                    client = null;
                    using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
                    connectTimeout.CancelAfter(TimeSpan.FromSeconds(2));
                    client = await Mqtt.ConnectAsync("127.0.0.1", port, "recovery-device").WaitAsync(connectTimeout.Token);
                }
                using var publishTimeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
                publishTimeout.CancelAfter(TimeSpan.FromSeconds(2));
                await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(Topic).WithPayload(payload)
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtMostOnce).Build(), publishTimeout.Token);
                await Task.Delay(interval, stop);
            }
            catch (Exception) when (!stop.IsCancellationRequested)
            {
                await Task.Delay(50, CancellationToken.None);
            }
            catch (OperationCanceledException)
            {
            }
        }
        client?.Dispose();
    }

    /// <summary>When each report reached the session, on the bench's clock.</summary>
    private sealed class ReceiveLog(Stopwatch clock) : IMessageListener
    {
        private readonly List<TimeSpan> _times = [];

        public int Count { get { lock (_times) { return _times.Count; } } }

        public ValueTask OnMessageAsync(string topic, ReadOnlySequence<byte> payload, DateTimeOffset receivedAt)
        {
            lock (_times)
            {
                _times.Add(clock.Elapsed);
            }
            return default;
        }

        public void OnConnectionClosed(string? reason)
        {
        }

        public TimeSpan? FirstAfter(TimeSpan moment)
        {
            lock (_times)
            {
                var index = _times.BinarySearch(moment);
                index = index < 0 ? ~index : index;
                return index < _times.Count ? _times[index] : null;
            }
        }

        public bool Any(TimeSpan from, TimeSpan to) => FirstAfter(from) is { } first && first < to;
    }
}
