using System.Buffers;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using OneNetStudio.Core.Connection;
using OneNetStudio.Core.Watching;
using OneNetStudio.Simulator;

namespace OneNetStudio.Tests;

public class WatchQueueTests
{
    private static ReadOnlySequence<byte> Bytes(string s) => new(Encoding.UTF8.GetBytes(s));

    [Fact]
    public async Task FullQueue_HoldsBackTheConnectionWhileTheConsumerTakes_AndDropsWhenItIsBusyElsewhere()
    {
        var clock = new FakeTimeProvider(); // "busy elsewhere" is a matter of time: a pause on a loaded machine must not decide it
        using var queue = new WatchQueue(capacity: 3, maxBackpressure: TimeSpan.FromSeconds(5), clock: clock);
        var online = Bytes("""{"data":{"status":"online"}}""");
        ValueTask Offer() => queue.OnMessageAsync("$sys/p/d/thing/lifecycle", online, DateTimeOffset.UtcNow);
        for (var i = 0; i < 3; i++)
        {
            Assert.True(Offer().IsCompletedSuccessfully);
        }
        Assert.True(queue.TryTake(out _, TimeSpan.Zero, CancellationToken.None)); // the consumer is taking
        Assert.True(Offer().IsCompletedSuccessfully);
        var heldBack = Offer();
        Assert.False(heldBack.IsCompleted);  // full, consumer active: the connection waits, the broker keeps the messages
        Assert.True(queue.TryTake(out _, TimeSpan.Zero, CancellationToken.None));
        await heldBack;
        Assert.Equal(0, queue.Dropped);

        clock.Advance(TimeSpan.FromMilliseconds(400)); // the consumer is now busy elsewhere (blocked downstream)
        Assert.True(Offer().IsCompletedSuccessfully);
        Assert.Equal(1, queue.Dropped);       // dropped at once rather than stalling the whole session
        Assert.Equal(6, queue.Received);
        var taken = 0;
        while (queue.TryTake(out _, TimeSpan.Zero, CancellationToken.None)) taken++;
        Assert.Equal(3, taken);
    }

    [Fact]
    public async Task AConsumerWaitingForItems_IsNotBusyElsewhere_HoweverLateItWakes()
    {
        var clock = new FakeTimeProvider();
        using var queue = new WatchQueue(capacity: 2, maxBackpressure: TimeSpan.FromSeconds(5), clock: clock);
        var online = Bytes("""{"data":{"status":"online"}}""");
        ValueTask Offer() => queue.OnMessageAsync("$sys/p/d/thing/lifecycle", online, DateTimeOffset.UtcNow);
        queue.Wake.Arm(); // the pipeline thread found nothing and waits
        clock.Advance(TimeSpan.FromMilliseconds(400)); // its wake-up is late (a busy thread pool)
        Assert.True(Offer().IsCompletedSuccessfully);
        Assert.True(Offer().IsCompletedSuccessfully);
        var heldBack = Offer();
        Assert.False(heldBack.IsCompleted); // held back, not dropped
        Assert.True(queue.TryRead(out _));
        await heldBack;
        Assert.Equal(0, queue.Dropped);

        clock.Advance(TimeSpan.FromMilliseconds(400)); // took an item, then nothing for long: now it is busy elsewhere
        Assert.True(Offer().IsCompletedSuccessfully);
        Assert.Equal(1, queue.Dropped);
    }

    [Fact]
    public void IdlePolls_ReuseOneWait()
    {
        using var queue = new WatchQueue(10);
        for (var i = 0; i < 5; i++)
        {
            Assert.False(queue.TryTake(out _, TimeSpan.FromMilliseconds(5), CancellationToken.None));
        }
        _ = queue.OnMessageAsync("$sys/p/d/thing/lifecycle", Bytes("""{"data":{"status":"online"}}"""), DateTimeOffset.UtcNow);
        Assert.True(queue.TryTake(out var item, TimeSpan.FromSeconds(1), CancellationToken.None));
        Assert.IsType<OneNetLifecycleMessage>(item);
    }

    [Fact]
    public void TryTakesTimeout_IsRealTime_WhateverClockJudgesStaleness()
    {
        // The clock the queue is given only judges a stalled consumer; a frozen one must not make a wait endless.
        using var queue = new WatchQueue(10, clock: new FakeTimeProvider());
        Assert.False(queue.TryTake(out _, TimeSpan.FromMilliseconds(30), CancellationToken.None));
    }

    [Fact]
    public void AfterTheWatchEnds_LateMessagesAreNotCountedAsDropped()
    {
        using var queue = new WatchQueue(1, TimeSpan.Zero);
        var online = Bytes("""{"data":{"status":"online"}}""");
        _ = queue.OnMessageAsync("$sys/p/d/thing/lifecycle", online, DateTimeOffset.UtcNow);
        queue.Complete();
        _ = queue.OnMessageAsync("$sys/p/d/thing/lifecycle", online, DateTimeOffset.UtcNow);
        Assert.Equal(0, queue.Dropped);
    }

    [Fact]
    public void MalformedPayloads_AreQueuedAsMalformed()
    {
        using var queue = new WatchQueue(10);
        _ = queue.OnMessageAsync("$sys/p/d/thing/property", Bytes("nope"), DateTimeOffset.UtcNow);
        Assert.True(queue.TryTake(out var item, TimeSpan.Zero, CancellationToken.None));
        Assert.IsType<MalformedMessage>(item);
    }

    [Fact]
    public void ClosedConnection_CompletesTheQueue()
    {
        using var queue = new WatchQueue(10);
        queue.OnConnectionClosed(null);
        _ = queue.OnMessageAsync("$sys/p/d/thing/lifecycle", Bytes("{}"), DateTimeOffset.UtcNow);
        Assert.False(queue.TryTake(out _, TimeSpan.FromMilliseconds(10), CancellationToken.None));
        Assert.True(queue.IsCompleted);
    }

    [Fact]
    public void Cancellation_EndsTheWait()
    {
        using var queue = new WatchQueue(10);
        using var cancel = new CancellationTokenSource(50);
        Assert.ThrowsAny<OperationCanceledException>(() => queue.TryTake(out _, TimeSpan.FromSeconds(30), cancel.Token));
    }
}

public class SubscriptionTableTests
{
    private sealed class Listener : IMessageListener
    {
        public ValueTask OnMessageAsync(string topic, ReadOnlySequence<byte> payload, DateTimeOffset receivedAt) => default;
        public void OnConnectionClosed(string? reason) { }
    }

    [Fact]
    public async Task SharedTopic_IsSubscribedOnceAndReleasedByTheLastListener()
    {
        var table = new SubscriptionTable();
        var a = new Listener();
        var b = new Listener();
        var (_, first, _) = table.Add(a, ["t1", "t2"]);
        Assert.Equal(2, first.Count);
        foreach (var (_, source) in first) source.SetResult(true);
        var (waits, second, _) = table.Add(b, ["t1"]);
        Assert.Empty(second);
        Assert.True(await waits.Single().Granted);
        Assert.Equal(2, table.ListenersOf("t1").Length);
        Assert.Equal(["t2"], table.Remove(a, ["t1", "t2"], Task.CompletedTask));
        Assert.Single(table.ListenersOf("t1"));
        Assert.Equal(["t1"], table.Remove(b, ["t1"], Task.CompletedTask));
        Assert.Equal(0, table.Count);
    }

    [Fact]
    public void ResubscribingATopicBeingUnsubscribed_WaitsForThatUnsubscribe()
    {
        var table = new SubscriptionTable();
        var a = new Listener();
        var (_, first, none) = table.Add(a, ["t"]);
        Assert.Empty(none);
        first[0].Source.SetResult(true);
        var unsubscribing = new TaskCompletionSource();
        Assert.Equal(["t"], table.Remove(a, ["t"], unsubscribing.Task));
        var (_, again, mustWait) = table.Add(a, ["t"]);
        Assert.Single(again);
        Assert.Same(unsubscribing.Task, Assert.Single(mustWait));
        table.Unsubscribed(["t"], unsubscribing.Task);
        again[0].Source.SetResult(true);
        Assert.Equal(["t"], table.Remove(a, ["t"], Task.CompletedTask));
        var (_, third, nothingToWaitFor) = table.Add(a, ["t"]);
        Assert.Same(Task.CompletedTask, Assert.Single(nothingToWaitFor));
    }

    [Fact]
    public void RefusedTopic_IsForgottenSoALaterAttemptAsksAgain()
    {
        var table = new SubscriptionTable();
        var a = new Listener();
        var (_, sources, _) = table.Add(a, ["t"]);
        sources[0].Source.SetResult(false);
        Assert.Empty(table.Remove(a, ["t"], Task.CompletedTask));
        table.Forget("t");
        var (_, again, _) = table.Add(a, ["t"]);
        Assert.Single(again);
    }
}

public class ConnectionSubscriptionTests
{
    private sealed class Collector : IMessageListener
    {
        public readonly System.Collections.Concurrent.ConcurrentQueue<string> Topics = new();
        public bool Closed;
        public ValueTask OnMessageAsync(string topic, ReadOnlySequence<byte> payload, DateTimeOffset receivedAt) { Topics.Enqueue(topic); return default; }
        public void OnConnectionClosed(string? reason) => Closed = true;
    }

    [Fact]
    public async Task ThousandsOfDevices_AreSubscribedInBatches_AndRefusalsReportedPerTopic()
    {
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions { DeviceCount = 1000, ReportInterval = TimeSpan.FromHours(1) });
        await using var connection = await TestConnection.GroupOf(simulator).ConnectAsync();
        var collector = new Collector();
        var topics = simulator.Fleet.Devices.Select(d => d.PropertyTopic).ToList();
        var result = await connection.SubscribeAsync(collector, topics, CancellationToken.None);
        Assert.Equal(500, result.Granted.Count);
        Assert.Equal(500, result.Refused.Count);
        Assert.Equal(500, connection.SubscriptionCount);
        await simulator.EmitPropertyReportsAsync(1);
        await Wait.UntilAsync(() => collector.Topics.Distinct().Count() == 500);
        var stillWatching = new Collector();
        await connection.SubscribeAsync(stillWatching, [result.Granted[0]], CancellationToken.None);
        await connection.Unsubscribe(collector, result.Granted);
        Assert.Equal(1, connection.SubscriptionCount);
        await connection.DisconnectAsync();
        Assert.True(stillWatching.Closed);
        Assert.False(collector.Closed);
    }
}
