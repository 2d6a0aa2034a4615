using OneNetStudio.Simulator;

namespace OneNetStudio.Bench;

/// <summary>
/// The simulator's HTTP API alone, for the fleet-set bench: Set-OneNetProperty reads the product's thing model from it
/// before it checks values, while the sets themselves go through mosquitto. One device reporting once an hour, so the
/// simulator costs nothing while the sets are measured. Prints its endpoint and runs until stdin closes.
/// </summary>
internal static class SimulatorApi
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            ProductIds = [args.Get("product", "BenchProduct")],
            DeviceCount = 1,
            ReportInterval = TimeSpan.FromHours(1),
            EventProbability = 0,
            UserId = args.Get("user", "1"),
            UserKey = args.Get("key", Convert.ToBase64String(new byte[32])),
        });
        Console.Error.WriteLine($"sim-api: ready {simulator.ApiEndpoint}");
        await Task.Run(() => Console.In.ReadToEnd()); // until the benchmark closes our stdin
        return 0;
    }
}
