using Microsoft.Extensions.Time.Testing;
using OneNetStudio.Core.Connection;

namespace OneNetStudio.Tests;

public class ReconnectBackoffTests
{
    private readonly FakeTimeProvider _clock = new();

    private ReconnectBackoff Backoff(double jitter = 0, Random? random = null) =>
        new(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(60), jitter, _clock, random);

    /// <summary>Takes a delay and lets that much time pass, as the reconnect loop does (each attempt failing at once).</summary>
    private double[] Waits(ReconnectBackoff backoff, int count) => Enumerable.Range(0, count).Select(_ =>
    {
        var delay = backoff.Next();
        _clock.Advance(delay);
        return delay.TotalSeconds;
    }).ToArray();

    [Fact]
    public void AFreshOutage_IsRetriedSubSecondFirst_ThenAtLeastEveryFastCeiling()
    {
        Assert.Equal([0.25, 0.5, 1, 1.5, 1.5, 1.5, 1.5], Waits(Backoff(), 7));
    }

    [Fact]
    public void OnlyAnOutageThatOutlastsTheFastPhase_BacksOffFurther_UpToTheCap()
    {
        var backoff = Backoff();
        var fast = Waits(backoff, 42);
        Assert.All(fast, wait => Assert.True(wait <= 1.5));
        Assert.True(fast.Sum() >= 60, "the fast phase should have been used up");
        Assert.Equal([3, 6, 12, 24, 48, 60, 60], Waits(backoff, 7));
    }

    [Fact]
    public void Jitter_SurvivesTheCap_SoClientsCutOffTogetherDoNotRetryInLockstep()
    {
        var backoff = Backoff(jitter: 0.5, random: new Random(42));
        backoff.Next();
        _clock.Advance(TimeSpan.FromMinutes(10));
        // 3, 6, 12, 24, 48 s first; LINQ's Skip would not even call the selector for those, so take them by hand.
        var waits = Enumerable.Range(0, 50).Select(_ => backoff.Next().TotalSeconds).ToArray();
        var capped = waits[5..];
        Assert.All(capped, wait => Assert.InRange(wait, 30, 60));
        Assert.DoesNotContain(60.0, capped);
        Assert.True(capped.Max() - capped.Min() > 15, $"capped waits should spread over the jitter band, got {capped.Min():0.0}..{capped.Max():0.0} s");
        Assert.True(capped.Distinct().Count() == capped.Length, "no two capped waits should be equal");
    }

    [Fact]
    public void Jitter_OnlyShortensAWait_NeverLengthensIt()
    {
        var backoff = Backoff(jitter: 0.5, random: new Random(7));
        var nominal = new[] { 0.25, 0.5, 1, 1.5, 1.5, 1.5 };
        var waits = Waits(backoff, nominal.Length);
        for (var i = 0; i < nominal.Length; i++)
        {
            Assert.InRange(waits[i], nominal[i] * 0.5, nominal[i]);
        }
    }

    [Fact]
    public void Reset_StartsANewOutage_FromTheInitialDelay_WithAFreshFastPhase()
    {
        var backoff = Backoff();
        Waits(backoff, 45);
        Assert.True(backoff.Next() > TimeSpan.FromSeconds(1.5));
        backoff.Reset();
        Assert.Equal([0.25, 0.5, 1, 1.5], Waits(backoff, 4));
    }

    [Fact]
    public void ThousandsOfFailures_DoNotOverflow()
    {
        var backoff = Backoff(jitter: 0.5);
        foreach (var wait in Waits(backoff, 10_000))
        {
            Assert.InRange(wait, 0.125, 60);
        }
    }
}
