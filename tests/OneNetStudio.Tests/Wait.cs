using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace OneNetStudio.Tests;

/// <summary>
/// The one way a test waits for something that happens on another thread: poll a condition until it holds, and fail
/// with what was awaited (the condition's own text unless <c>because</c> says it better) when it does not in time.
/// Waits on the code's own timers belong on a fake clock instead, where no real time need pass.
/// </summary>
public static class Wait
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    public static async Task UntilAsync(Func<bool> condition, TimeSpan? timeout = null, [CallerArgumentExpression(nameof(condition))] string? because = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            if (waited.Elapsed > limit)
            {
                Assert.Fail(TimedOut(limit, because));
            }
            await Task.Delay(Poll);
        }
    }

    internal static string TimedOut(TimeSpan limit, string? because) => $"Waited {limit.TotalSeconds:0.#} s in vain for: {because}";
}
