using Microsoft.Extensions.Time.Testing;
using OneNetStudio.Core.Http;

namespace OneNetStudio.Tests;

public class RateLimiterTests
{
    private readonly FakeTimeProvider _clock = new();

    /// <summary>The most timestamps that fall into any half-open window [t, t + window).</summary>
    private static int MostInAnyWindow(IEnumerable<long> timestamps, TimeSpan window, TimeProvider clock)
    {
        var sorted = timestamps.Order().ToArray();
        var windowTicks = (long)(window.TotalSeconds * clock.TimestampFrequency);
        var most = 0;
        var end = 0;
        for (var start = 0; start < sorted.Length; start++)
        {
            while (end < sorted.Length && sorted[end] - sorted[start] < windowTicks)
            {
                end++;
            }
            most = Math.Max(most, end - start);
        }
        return most;
    }

    [Fact]
    public void TheLimitGoesThrough_TheNextCallIsToldHowLongToWait()
    {
        var limiter = new CallRateLimiter(5, TimeSpan.FromSeconds(1), _clock);
        for (var i = 0; i < 5; i++)
        {
            Assert.True(limiter.TryAcquire(out _));
        }
        Assert.False(limiter.TryAcquire(out var wait));
        Assert.Equal(TimeSpan.FromSeconds(1), wait);
        _clock.Advance(TimeSpan.FromMilliseconds(400));
        Assert.False(limiter.TryAcquire(out wait));
        Assert.Equal(TimeSpan.FromMilliseconds(600), wait);
        _clock.Advance(TimeSpan.FromMilliseconds(600));
        Assert.True(limiter.TryAcquire(out _));
        Assert.Equal(6, limiter.Granted);
    }

    [Fact]
    public void AFullWindowAtTheEndOfOneSecond_LeavesNothingForTheStartOfTheNext()
    {
        // A fixed window (or a token bucket after a quiet spell) would let another 95 through at 1.01 s.
        var limiter = new CallRateLimiter(95, TimeSpan.FromSeconds(1), _clock);
        _clock.Advance(TimeSpan.FromMilliseconds(990));
        for (var i = 0; i < 95; i++)
        {
            Assert.True(limiter.TryAcquire(out _));
        }
        _clock.Advance(TimeSpan.FromMilliseconds(20));
        Assert.False(limiter.TryAcquire(out var wait));
        Assert.Equal(TimeSpan.FromMilliseconds(980), wait);
    }

    [Fact]
    public void AfterAQuietSpell_ABurstIsStillNoMoreThanTheLimitPerWindow()
    {
        var limiter = new CallRateLimiter(95, TimeSpan.FromSeconds(1), _clock);
        var granted = new List<long>();
        var random = new Random(3);
        // A steady trickle, ten quiet seconds, then callers that want far more than the limit, at jittered moments.
        for (var phase = 0; phase < 3; phase++)
        {
            var until = _clock.GetUtcNow() + TimeSpan.FromSeconds(phase == 1 ? 10 : 4);
            while (_clock.GetUtcNow() < until)
            {
                if (phase != 1 && limiter.TryAcquire(out _))
                {
                    granted.Add(_clock.GetTimestamp());
                    continue;
                }
                _clock.Advance(TimeSpan.FromTicks(random.Next(1, 80_000)));
            }
        }
        Assert.True(MostInAnyWindow(granted, TimeSpan.FromSeconds(1), _clock) <= 95);
        // ... and it does not hold back either: close to 95 per second while demand lasts.
        Assert.True(granted.Count >= 95 * 8 - 95, $"only {granted.Count} calls in 8 busy seconds");
    }

    [Fact]
    public async Task WaitingCallers_GetTheirSlotsOnTheClock_InTurn_NeverAboveTheLimit()
    {
        var limiter = new CallRateLimiter(10, TimeSpan.FromSeconds(1), _clock);
        var start = _clock.GetTimestamp();
        var calls = Enumerable.Range(0, 35).Select(_ => limiter.AcquireAsync().AsTask()).ToArray();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!calls.All(c => c.IsCompleted))
        {
            Assert.True(DateTime.UtcNow < deadline, "the waiters did not all get through");
            _clock.Advance(TimeSpan.FromMilliseconds(20));
            await Task.Delay(1);
        }
        var counted = (await Task.WhenAll(calls)).Select(slot => slot.SentAt).ToArray();
        Assert.True(MostInAnyWindow(counted, TimeSpan.FromSeconds(1), _clock) <= 10);
        // In turn: each caller is counted no earlier than the one that asked before it.
        Assert.Equal(counted.Order(), counted);
        // 35 calls at 10 per second: the last goes at 3 s, not before.
        Assert.True(_clock.GetElapsedTime(start, counted[^1]) >= TimeSpan.FromSeconds(3));
        Assert.Equal(25, limiter.Delayed);
    }

    [Fact]
    public async Task ACancelledWaiter_LeavesAndTheNextOneGoesOn()
    {
        var limiter = new CallRateLimiter(1, TimeSpan.FromSeconds(1), _clock);
        await limiter.AcquireAsync();
        using var cancel = new CancellationTokenSource();
        var cancelled = limiter.AcquireAsync(cancel.Token).AsTask();
        var next = limiter.AcquireAsync().AsTask();
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.False(next.IsCompleted);
        while (!next.IsCompleted)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(1);
        }
        await next;
        Assert.Equal(2, limiter.Granted);
    }

    [Fact]
    public void ACallIsCountedUntilItEnds_SoCallsDelayedOnTheWayCannotBunchWithTheNextWindowsCalls()
    {
        // 10 calls sent at 0 s arrive at the server late, at 0.9 s (a slow first connection). Counted by send time,
        // 10 more could go at 1.0 s and the server would see 20 in [0.9 s, 1.9 s).
        var limiter = new CallRateLimiter(10, TimeSpan.FromSeconds(1), _clock);
        var slots = Enumerable.Range(0, 10).Select(_ => { Assert.True(limiter.TryAcquire(out TimeSpan _, out var slot)); return slot; }).ToList();
        _clock.Advance(TimeSpan.FromMilliseconds(900));
        slots.ForEach(limiter.Release);
        _clock.Advance(TimeSpan.FromMilliseconds(100));
        Assert.False(limiter.TryAcquire(out var wait, out _));
        Assert.Equal(TimeSpan.FromMilliseconds(900), wait);
        _clock.Advance(wait);
        Assert.True(limiter.TryAcquire(out _, out _));
    }

    [Fact]
    public void ReleasingAStaleSlotDoesNotHoldBackTheCallNowInIt()
    {
        var limiter = new CallRateLimiter(1, TimeSpan.FromSeconds(1), _clock);
        Assert.True(limiter.TryAcquire(out _, out var first));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(limiter.TryAcquire(out _, out var second));
        _clock.Advance(TimeSpan.FromMilliseconds(500));
        limiter.Release(first);   // the first call ended only now, after its slot went to the second
        _clock.Advance(TimeSpan.FromMilliseconds(500));
        Assert.True(limiter.TryAcquire(out _, out _));
        Assert.NotEqual(first.Generation, second.Generation);
    }
}
