using System.Diagnostics;
using OneNetStudio.View;

namespace OneNetStudio.Bench;

/// <summary>
/// What one frame of Show-OneNetDevice costs at a fleet's size: the fleet's state is fed ten-property reports, then the
/// frame (top rows by activity, table, header, footer) is rendered off-screen at 120 x 40 many times. Beside it the
/// floors: a frame of an empty fleet (Spectre's own table cost) and folding one report into the state.
/// </summary>
internal static class LiveViewCost
{
    private const int Width = 120;
    private const int Height = 40;
    private static readonly string[] Properties = ["temperature", "humidity", "switch", "power", "voltage", "current", "mode", "level", "rssi", "uptime"];

    public static Task<int> RunAsync(BenchArgs args)
    {
        var sizes = args.Get("devices", "1000,20000").Split(',').Select(int.Parse);
        var frames = args.Int("frames", 200);
        Console.WriteLine(Measure(0, frames, "empty table (floor)"));
        foreach (var size in sizes)
        {
            Console.WriteLine(Measure(size, frames, "live view"));
        }
        return Task.FromResult(0);
    }

    private static string Measure(int devices, int frames, string what)
    {
        var view = new FleetView();
        var states = Enumerable.Range(1, devices).Select(i => view.Track("BenchProduct", $"device{i:D5}")).ToArray();
        var random = new Random(7);
        var reports = Math.Max(devices * 5, 1);
        var foldClock = Stopwatch.StartNew();
        for (var r = 0; r < reports && devices > 0; r++)
        {
            var device = states[random.Next(devices)];
            view.Heard(device, DateTimeOffset.UtcNow, DeviceStatus.Online);
            foreach (var property in Properties)
            {
                view.SetValue(device, property, random.NextDouble() * 100);
            }
        }
        var foldNs = devices == 0 ? 0 : foldClock.Elapsed.TotalNanoseconds / reports;

        for (var i = 0; i < 10; i++)
        {
            _ = FleetDisplay.RenderText(view, Width, Height); // warm up
        }
        GC.Collect();
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var times = new double[frames];
        for (var i = 0; i < frames; i++)
        {
            var clock = Stopwatch.StartNew();
            _ = FleetDisplay.RenderText(view, Width, Height);
            times[i] = clock.Elapsed.TotalMilliseconds;
        }
        var allocatedKB = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / 1024.0 / frames;
        Array.Sort(times);
        return $$"""{"what":"{{what}}","devices":{{devices}},"frames":{{frames}},"msPerFrameP50":{{times[frames / 2]:0.000}},"msPerFrameP99":{{times[frames * 99 / 100]:0.000}},"kbAllocatedPerFrame":{{allocatedKB:0.0}},"nsPerReportFolded":{{foldNs:0}}}""";
    }
}
