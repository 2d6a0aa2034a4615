using System.Collections.Concurrent;
using System.Diagnostics;
using OneNetStudio.Core.Connection;
using OneNetStudio.Core.Http;
using OneNetStudio.Core.Security;
using OneNetStudio.Simulator;

namespace OneNetStudio.Bench;

/// <summary>
/// Every device's latest values read over the simulator's HTTP API (QueryDeviceProperty, one call per device) by
/// --concurrency workers: through the module's Core channel (its rate limiter on), or raw HttpClient with no limiter,
/// which offers the simulator as many calls as it can and shows what the platform's 100 calls/s limit turns away.
/// </summary>
internal static class ApiReads
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        var deviceCount = args.Int("devices", 1000);
        var concurrency = args.Int("concurrency", 64);
        var client = args.Get("client", "core");
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            DeviceCount = deviceCount, ReportInterval = TimeSpan.FromHours(1), EventProbability = 0,
        });
        var devices = new ConcurrentQueue<(string ProductId, string DeviceName)>(simulator.Fleet.Devices.Select(d => (d.ProductId, d.Name)));
        using var key = AccessKey.FromBase64(simulator.UserKey);
        Func<string, string, Task<bool>> read;
        IAsyncDisposable? owned = null;
        HttpClient? http = null;
        if (client == "raw")
        {
            http = new HttpClient { BaseAddress = new Uri(simulator.ApiEndpoint) };
            var token = OneNetToken.Create($"userid/{simulator.UserId}", key, DateTimeOffset.UtcNow.AddHours(1), TokenMethod.Sha256);
            http.DefaultRequestHeaders.TryAddWithoutValidation("authorization", token);
            read = async (product, device) =>
            {
                using var response = await http.GetAsync($"/application?action=QueryDeviceProperty&version=1&project_id={simulator.ProjectId}&product_id={product}&device_name={device}");
                var body = await response.Content.ReadAsStringAsync();
                return response.IsSuccessStatusCode && body.Contains("\"success\":true");
            };
        }
        else
        {
            var channel = new OneNetApiChannel(new OneNetHttpOptions
            {
                Scope = OneNetScope.ForUser(simulator.UserId), AccessKey = key, Endpoint = new Uri(simulator.ApiEndpoint),
            }, simulator.ProjectId);
            owned = channel;
            read = async (product, device) =>
            {
                try
                {
                    await channel.Api.QueryDevicePropertyAsync(product, device);
                    return true;
                }
                catch (OneNetApiException)
                {
                    return false;
                }
            };
        }
        long ok = 0, failed = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (devices.TryDequeue(out var device))
            {
                if (await read(device.ProductId, device.DeviceName))
                {
                    Interlocked.Increment(ref ok);
                }
                else
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }));
        var seconds = clock.Elapsed.TotalSeconds;
        var counters = simulator.Counters;
        Console.WriteLine($$"""{"client":"{{client}}","devices":{{deviceCount}},"concurrency":{{concurrency}},"seconds":{{seconds:0.00}},"answered":{{ok}},"failed":{{failed}},"answeredPerSecond":{{ok / seconds:0.0}},"offeredPerSecond":{{counters.ApiCalls / seconds:0.0}},"simulatorCalls":{{counters.ApiCalls}},"rateLimited":{{counters.ApiCallsRateLimited}},"peakCallsPerSecond":{{counters.ApiPeakCallsPerSecond}}}""");
        http?.Dispose();
        if (owned is not null)
        {
            await owned.DisposeAsync();
        }
        return 0;
    }
}
