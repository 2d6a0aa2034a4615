using Microsoft.Extensions.Time.Testing;
using OneNetStudio.Core.Connection;

namespace OneNetStudio.Tests;

public class LinkWatchdogTests
{
    private readonly FakeTimeProvider _clock = new();
    private int _pings;

    private LinkWatchdog Create(Func<CancellationToken, Task> ping) =>
        new(_clock, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(10), ct => { _pings++; return ping(ct); });

    [Fact]
    public async Task RecentTraffic_NoPing()
    {
        var watchdog = Create(_ => Task.CompletedTask);
        _clock.Advance(TimeSpan.FromSeconds(89));
        Assert.Null(await watchdog.CheckAsync(CancellationToken.None));
        Assert.Equal(0, _pings);
        Assert.Equal(TimeSpan.FromSeconds(30), watchdog.CheckEvery);
    }

    [Fact]
    public async Task SilentLink_ThatAnswersThePing_IsFine()
    {
        var watchdog = Create(_ => Task.CompletedTask);
        _clock.Advance(TimeSpan.FromSeconds(91));
        Assert.Null(await watchdog.CheckAsync(CancellationToken.None));
        Assert.Equal(1, _pings);
        Assert.Equal(TimeSpan.Zero, watchdog.Silence);
    }

    [Fact]
    public async Task SilentLink_ThatDoesNotAnswerWithinTheDeadline_IsDead()
    {
        var watchdog = Create(ct => Task.Delay(Timeout.Infinite, ct));
        _clock.Advance(TimeSpan.FromSeconds(91));
        var check = watchdog.CheckAsync(CancellationToken.None);
        Assert.False(check.IsCompleted);
        _clock.Advance(TimeSpan.FromSeconds(10));
        var reason = await check.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Contains("half-open", reason);
    }

    [Fact]
    public async Task MarkReceived_ResetsTheSilence()
    {
        var watchdog = Create(ct => Task.Delay(Timeout.Infinite, ct));
        _clock.Advance(TimeSpan.FromSeconds(80));
        watchdog.MarkReceived();
        _clock.Advance(TimeSpan.FromSeconds(80));
        Assert.Null(await watchdog.CheckAsync(CancellationToken.None));
        Assert.Equal(0, _pings);
    }

    [Fact]
    public async Task FailingPing_IsDead()
    {
        var watchdog = Create(_ => Task.FromException(new IOException("broken pipe")));
        _clock.Advance(TimeSpan.FromSeconds(91));
        Assert.Contains("broken pipe", await watchdog.CheckAsync(CancellationToken.None));
    }
}
