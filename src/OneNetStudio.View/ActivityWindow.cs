namespace OneNetStudio.View;

/// <summary>
/// Messages counted in one-second buckets over the last few seconds: a messages-per-second estimate that follows
/// a burst and forgets it, in constant memory and constant time per message.
/// </summary>
public sealed class ActivityWindow
{
    public const int Seconds = 5;
    private readonly long[] _second = new long[Seconds];
    private readonly int[] _count = new int[Seconds];

    /// <summary>Counts one message in <paramref name="second"/> (whole seconds since the view started).</summary>
    public void Add(long second, int messages = 1)
    {
        var slot = (int)(second % Seconds);
        if (_second[slot] != second)
        {
            _second[slot] = second;
            _count[slot] = 0;
        }
        _count[slot] += messages;
    }

    /// <summary>Messages per second over the window that ends at <paramref name="elapsed"/> since the view started.</summary>
    public double PerSecond(TimeSpan elapsed)
    {
        var now = (long)elapsed.TotalSeconds;
        long sum = 0;
        for (var i = 0; i < Seconds; i++)
        {
            if (_count[i] > 0 && now - _second[i] < Seconds && _second[i] <= now)
            {
                sum += _count[i];
            }
        }
        // The window spans the last Seconds - 1 whole seconds and the current part; a young view divides by its age.
        var span = Math.Min(Seconds - 1 + (elapsed.TotalSeconds - now), elapsed.TotalSeconds);
        return sum == 0 ? 0 : sum / Math.Max(span, 1.0);
    }
}
