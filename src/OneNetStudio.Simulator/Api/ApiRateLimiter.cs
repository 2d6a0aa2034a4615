using System.Net;

namespace OneNetStudio.Simulator.Api;

/// <summary>The platform's limit of API calls per second per IP (product.md 2.7), on the simulator's clock.</summary>
internal sealed class ApiRateLimiter(int callsPerSecond, TimeProvider clock)
{
    private readonly Dictionary<IPAddress, ApiCallWindow> _windows = new();

    public int CallsPerSecond { get; } = callsPerSecond;

    /// <summary>Counts a call from <paramref name="address"/>; false when it is over the limit. Also gives how many calls arrived from there in the last second, this one included.</summary>
    public bool TryAdmit(IPAddress address, out int arrivalsInLastSecond)
    {
        var now = clock.GetTimestamp();
        lock (_windows)
        {
            if (!_windows.TryGetValue(address, out var window))
            {
                _windows[address] = window = new ApiCallWindow();
            }
            return window.TryAdmit(now, clock.TimestampFrequency, CallsPerSecond, out arrivalsInLastSecond);
        }
    }
}
