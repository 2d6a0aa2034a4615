using System.Collections.Concurrent;
using OneNetStudio.Core.Watching;

namespace OneNetStudio.Tests;

public class WakeSignalTests
{
    [Fact]
    public void ANotificationWhileTheConsumerIsNotWaiting_DoesNotWakeItsNextWait()
    {
        var signal = new WakeSignal();
        signal.Notify(); // the consumer is busy: it will look at the source before it waits
        signal.Arm();
        Assert.False(signal.Wait(20, CancellationToken.None));
        Assert.False(signal.IsWaiting);
    }

    [Fact]
    public void AnArmedConsumer_IsWokenByTheProducersThread_AndCountsAsWaitingUntilItRuns()
    {
        var signal = new WakeSignal();
        signal.Arm();
        signal.Notify();
        Assert.True(signal.IsWaiting); // notified, not yet running: still not busy elsewhere
        Assert.True(signal.Wait(0, CancellationToken.None));
        Assert.False(signal.IsWaiting);
        signal.Notify(); // a second notification for the same round is only a read
        signal.Arm();
        Assert.False(signal.Wait(0, CancellationToken.None));
    }

    [Fact]
    public void Cancellation_EndsTheWait_AndDisarms()
    {
        var signal = new WakeSignal();
        using var cancel = new CancellationTokenSource(20);
        signal.Arm();
        Assert.ThrowsAny<OperationCanceledException>(() => signal.Wait(30_000, cancel.Token));
        Assert.False(signal.IsWaiting);
    }

    // A lost wake-up (the producer adds an item just after the consumer's last look and does not see it armed) shows
    // as a wait that runs to its timeout with an item in the queue; here every wait has 10 s and none may time out.
    [Fact]
    public async Task ProducerAndConsumer_ArmLookWait_NeverLoseAWakeUp()
    {
        const int Items = 50_000;
        var signal = new WakeSignal();
        var queue = new ConcurrentQueue<int>();
        var producer = Task.Run(() =>
        {
            for (var i = 0; i < Items; i++)
            {
                queue.Enqueue(i);
                signal.Notify();
                if (i % 64 == 0)
                {
                    Thread.Yield(); // let the consumer empty the queue now and then, so that it waits often
                }
            }
        });
        var taken = 0;
        var waits = 0;
        while (taken < Items)
        {
            if (queue.TryDequeue(out _))
            {
                taken++;
                continue;
            }
            signal.Arm();
            if (queue.TryDequeue(out _))
            {
                signal.Disarm();
                taken++;
                continue;
            }
            waits++;
            Assert.True(signal.Wait(10_000, CancellationToken.None), $"a wake-up was lost after {taken} items");
        }
        await producer;
        Assert.True(waits > 0, "the consumer never waited, so nothing was tested");
    }
}
