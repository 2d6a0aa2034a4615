using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Time.Testing;

namespace OneNetStudio.Tests;

/// <summary>
/// Fake time for code that takes a <see cref="TimeProvider"/> (a connection's <c>Clock</c>, a simulator's): a
/// <see cref="FakeTimeProvider"/> that also knows which of its timers are armed, so a test can move time straight to
/// the next one (<see cref="RunUntilAsync"/>) and can tell that nothing waits on the clock any more
/// (<see cref="NothingArmed"/>). It starts at the real time, so tokens signed with it are valid on a real-time server.
/// </summary>
public sealed class TestClock : FakeTimeProvider
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(5);
    private readonly object _gate = new();
    private readonly List<Armed> _timers = [];

    public TestClock() : base(DateTimeOffset.UtcNow)
    {
    }

    /// <summary>When the earliest armed timer fires next; null when no timer is armed.</summary>
    public DateTimeOffset? NextDue
    {
        get
        {
            var now = GetUtcNow();
            lock (_gate)
            {
                _timers.RemoveAll(t => t.Disposed);
                return _timers.Select(t => t.NextDueAfter(now)).Where(due => due is not null).Min();
            }
        }
    }

    /// <summary>True when no timer is armed: whatever uses this clock has nothing left that time could set off.</summary>
    public bool NothingArmed => NextDue is null;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var armed = new Armed(this);
        armed.Set(dueTime, period);
        armed.Inner = base.CreateTimer(callback, state, dueTime, period);
        lock (_gate)
        {
            _timers.Add(armed);
        }
        return armed;
    }

    /// <summary>
    /// Lets time run until <paramref name="condition"/> holds: whenever a timer is armed to fire within
    /// <paramref name="longestJump"/>, time moves straight to it; meanwhile real time passes only for the work that
    /// waits on no timer (a connect, a restore). So a backoff costs no real time and every elapsed time the code measures
    /// is exactly the sum of its own waits. Timers further off than <paramref name="longestJump"/> (a watchdog, a set's
    /// timeout) are left alone. Fails, saying what it waited for, after <paramref name="timeout"/> of real time.
    /// </summary>
    public async Task RunUntilAsync(Func<bool> condition, TimeSpan longestJump, TimeSpan? timeout = null,
        [CallerArgumentExpression(nameof(condition))] string? because = null)
    {
        var limit = timeout ?? Wait.DefaultTimeout;
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            if (waited.Elapsed > limit)
            {
                Assert.Fail(Wait.TimedOut(limit, because) + $" (fake time {this}, next timer {NextDue?.ToString("O") ?? "none"})");
            }
            if (NextDue is { } due && due - GetUtcNow() <= longestJump)
            {
                Advance(due - GetUtcNow());
            }
            await Task.Delay(Poll);
        }
    }

    /// <summary>A timer of this clock, as armed by its creator (and re-armed by <see cref="Change"/>).</summary>
    private sealed class Armed(TestClock clock) : ITimer
    {
        private readonly object _gate = new();
        private DateTimeOffset? _due;
        private TimeSpan _period;

        public ITimer Inner { get; set; } = null!;
        public bool Disposed { get; private set; }

        public void Set(TimeSpan dueTime, TimeSpan period)
        {
            lock (_gate)
            {
                _due = dueTime == Timeout.InfiniteTimeSpan ? null : clock.GetUtcNow() + dueTime;
                _period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;
            }
        }

        /// <summary>The next time this timer fires after <paramref name="now"/>; null once a one-shot has fired.</summary>
        public DateTimeOffset? NextDueAfter(DateTimeOffset now)
        {
            lock (_gate)
            {
                if (Disposed || _due is not { } due)
                {
                    return null;
                }
                if (due > now)
                {
                    return due;
                }
                if (_period <= TimeSpan.Zero)
                {
                    return null;
                }
                var periods = (now - due).Ticks / _period.Ticks + 1;
                return due + TimeSpan.FromTicks(periods * _period.Ticks);
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Set(dueTime, period);
            return Inner.Change(dueTime, period);
        }

        public void Dispose()
        {
            lock (_gate)
            {
                Disposed = true;
            }
            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return default;
        }
    }
}
