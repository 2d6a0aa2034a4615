using OneNetStudio.Core.Connection;

namespace OneNetStudio.Tests;

public class ReconnectBackoffTests
{
    [Fact]
    public void WithoutJitter_DoublesFromOneSecondToTheCap()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), jitter: 0);
        var delays = Enumerable.Range(0, 9).Select(_ => backoff.Next().TotalSeconds).ToArray();
        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60, 60], delays);
    }

    [Fact]
    public void Jitter_SpreadsEachDelayWithinItsBand_AndNeverPassesTheCap()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), jitter: 0.2, new Random(42));
        var delays = Enumerable.Range(0, 12).Select(_ => backoff.Next().TotalSeconds).ToArray();
        for (var i = 0; i < delays.Length; i++)
        {
            var nominal = Math.Min(Math.Pow(2, i), 60);
            Assert.InRange(delays[i], nominal * 0.8, Math.Min(nominal * 1.2, 60));
        }
        Assert.True(delays.Take(6).Select((d, i) => d / Math.Pow(2, i)).Distinct().Count() > 1, "jitter should vary the delays");
    }

    [Fact]
    public void Reset_StartsAgainFromTheInitialDelay()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), jitter: 0);
        backoff.Next();
        backoff.Next();
        backoff.Next();
        backoff.Reset();
        Assert.Equal(TimeSpan.FromSeconds(1), backoff.Next());
    }

    [Fact]
    public void ThousandsOfFailures_DoNotOverflow()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), jitter: 0);
        for (var i = 0; i < 10_000; i++)
        {
            Assert.InRange(backoff.Next().TotalSeconds, 1, 60);
        }
    }
}
