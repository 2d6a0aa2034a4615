using System.Diagnostics;
using MQTTnet;
using OneNetStudio.Simulator;

namespace OneNetStudio.Bench;

/// <summary>
/// How many simulated devices, each reporting once a second, the embedded simulator sustains here: one subscriber
/// watches every device; sustained means it receives at least 95% of the expected reports with no broker drops.
/// </summary>
internal static class SimulatorCapacity
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var sizes = args.Get("devices", "2000,5000,10000,20000,40000").Split(',').Select(int.Parse);
        var seconds = args.Int("seconds", 5);
        foreach (var size in sizes)
        {
            await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions { DeviceCount = size, ReportInterval = TimeSpan.FromSeconds(1), EventProbability = 0 });
            var watcher = await SimulatorProbe.ConnectAsync(simulator);
            long received = 0;
            watcher.ApplicationMessageReceivedAsync += _ => { Interlocked.Increment(ref received); return Task.CompletedTask; };
            foreach (var batch in simulator.Fleet.Devices.Select(d => d.PropertyTopic).Chunk(500))
            {
                await Mqtt.SubscribeAsync(watcher, batch);
            }
            await Task.Delay(1500); // let the first ticks settle
            var before = Interlocked.Read(ref received);
            var clock = Stopwatch.StartNew();
            await Task.Delay(TimeSpan.FromSeconds(seconds));
            var rate = (Interlocked.Read(ref received) - before) / clock.Elapsed.TotalSeconds;
            var counters = simulator.Counters;
            GC.Collect();
            Console.WriteLine($$"""{"devices":{{size}},"expectedPerSecond":{{size}},"receivedPerSecond":{{rate:0}},"dropped":{{counters.DroppedMessages}},"workingSetMB":{{Process.GetCurrentProcess().WorkingSet64 / 1048576}},"sustained":{{(rate >= size * 0.95 && counters.DroppedMessages == 0 ? "true" : "false")}}}""");
            await watcher.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build());
            watcher.Dispose();
        }
        return 0;
    }
}
