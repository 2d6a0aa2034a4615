namespace OneNetStudio.Simulator;

/// <summary>
/// The simulator's clock: another clock moved forward by an offset, so a test can jump minutes ahead (tokens expire,
/// times advance) without waiting. Timers keep the underlying clock's pace.
/// </summary>
public sealed class ShiftedClock(TimeProvider inner) : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref _offsetTicks, by.Ticks);
    }

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + Offset;

    public override long GetTimestamp() =>
        inner.GetTimestamp() + (long)(Interlocked.Read(ref _offsetTicks) * (inner.TimestampFrequency / (double)TimeSpan.TicksPerSecond));

    public override long TimestampFrequency => inner.TimestampFrequency;
    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        inner.CreateTimer(callback, state, dueTime, period);
}
