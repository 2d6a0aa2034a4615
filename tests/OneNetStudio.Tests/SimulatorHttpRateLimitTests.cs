using System.Net;
using Microsoft.Extensions.Time.Testing;
using OneNetStudio.Simulator;

namespace OneNetStudio.Tests;

/// <summary>
/// The platform's 100 calls per second per IP, on a sliding one-second window of arrivals: refused with HTTP 429 and
/// counted. On a fake clock, so that "within a second" does not depend on how fast this machine is.
/// </summary>
public class SimulatorHttpRateLimitTests : SimulatorApiTest
{
    private readonly FakeTimeProvider _clock;

    public SimulatorHttpRateLimitTests() : this(new FakeTimeProvider(DateTimeOffset.UtcNow))
    {
    }

    private SimulatorHttpRateLimitTests(FakeTimeProvider clock) : base(new SimulatorOptions { DeviceCount = 1, Clock = clock, ReportInterval = TimeSpan.FromHours(1) })
    {
        _clock = clock;
    }

    private Task<ApiAnswer> CallAsync() => Api.GetAsync("QueryDeviceList");

    [Fact]
    public async Task The101stCallWithinASecond_IsRefusedWith429_AndCounted()
    {
        for (var i = 0; i < 100; i++)
        {
            (await CallAsync()).Ok();
        }
        var refused = await CallAsync();
        refused.Fails("reachRateLimit", HttpStatusCode.TooManyRequests);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.RetryAfter);
        var counters = Simulator.Counters;
        Assert.Equal(101, counters.ApiCalls);
        Assert.Equal(1, counters.ApiCallsRateLimited);
        Assert.Equal(101, counters.ApiPeakCallsPerSecond);

        _clock.Advance(TimeSpan.FromSeconds(1));
        (await CallAsync()).Ok();
        Assert.Equal(101, Simulator.Counters.ApiPeakCallsPerSecond);
    }

    [Fact]
    public async Task TheWindowSlides_ACallIsAdmittedAsSoonAsTheOldestLeavesIt()
    {
        for (var i = 0; i < 50; i++)
        {
            (await CallAsync()).Ok();
        }
        _clock.Advance(TimeSpan.FromMilliseconds(600));
        for (var i = 0; i < 50; i++)
        {
            (await CallAsync()).Ok();
        }
        (await CallAsync()).Fails("reachRateLimit", HttpStatusCode.TooManyRequests); // 100 in the last 600 ms
        _clock.Advance(TimeSpan.FromMilliseconds(400)); // the first 50 are exactly a second old: out
        for (var i = 0; i < 50; i++)
        {
            (await CallAsync()).Ok();
        }
        (await CallAsync()).Fails("reachRateLimit", HttpStatusCode.TooManyRequests);
        Assert.Equal(2, Simulator.Counters.ApiCallsRateLimited);
        Assert.Equal(102, Simulator.Counters.ApiPeakCallsPerSecond); // 50 + 1 refused + 50 + 1 refused arrived within the last second
    }

    [Fact]
    public async Task RefusedCalls_ComeBeforeAuthentication_AndTakeNoPlaceInTheWindow()
    {
        Api.Token = "not a token";
        for (var i = 0; i < 100; i++)
        {
            (await CallAsync()).Fails("authPermissionDeny");
        }
        (await CallAsync()).Fails("reachRateLimit", HttpStatusCode.TooManyRequests);
        (await CallAsync()).Fails("reachRateLimit", HttpStatusCode.TooManyRequests);
        Assert.Equal(100, Simulator.Counters.ApiAuthFailures);
        _clock.Advance(TimeSpan.FromSeconds(1));
        (await CallAsync()).Fails("authPermissionDeny");
    }

    [Fact]
    public async Task ALimitOfZero_LiftsIt_ButCallsAreStillCounted()
    {
        await using var unlimited = await SimulatorServer.StartAsync(new SimulatorOptions { DeviceCount = 1, Clock = _clock, ApiCallsPerSecond = 0 });
        using var api = SimulatorApiCaller.ForUser(unlimited);
        for (var i = 0; i < 120; i++)
        {
            (await api.GetAsync("QueryDeviceList")).Ok();
        }
        Assert.Equal(0, unlimited.Counters.ApiCallsRateLimited);
        Assert.Equal(120, unlimited.Counters.ApiPeakCallsPerSecond);
    }
}
