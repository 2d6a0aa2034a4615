using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using OneNetStudio.Core.Connection;
using OneNetStudio.Core.Requests;
using OneNetStudio.Core.Watching;
using OneNetStudio.Simulator;
using OneNetStudio.Simulator.Faults;

namespace OneNetStudio.Tests;

/// <summary>
/// The reconnect loop against the simulator. The connections run on fake time (<see cref="TestClock"/>): a backoff, a
/// watchdog tick or a ping deadline passes when the test moves the clock, so waits cost no real time, every outage the
/// connection measures is exactly the backoff it waited, and "nothing more happened" is checked as "nothing is left
/// armed on the clock" rather than by sleeping.
/// </summary>
public class ReconnectTests() : SimulatorTest(new SimulatorOptions { DeviceCount = 3, ReportInterval = TimeSpan.FromHours(1), ReplyDelay = TimeSpan.Zero })
{
    /// <summary>The longest wait <see cref="RunUntilAsync"/> skips at once: every backoff and watchdog period used here, never a set's timeout.</summary>
    private static readonly TimeSpan LongestJump = TimeSpan.FromSeconds(2);

    private readonly TestClock _clock = new();

    /// <summary>A user of <paramref name="server"/> (default: this class's simulator) on fake time that reconnects quickly: 100 ms doubling to 400 ms.</summary>
    private TestConnection Fast(SimulatorServer? server = null)
    {
        server ??= Simulator;
        return TestConnection.UserOf(server) with
        {
            Clock = _clock,
            ReconnectInitialDelay = TimeSpan.FromMilliseconds(100),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(400),
            ReconnectFastCeiling = TimeSpan.FromMilliseconds(400),
            StablePeriod = TimeSpan.FromSeconds(10),
            ConnectTimeout = TimeSpan.FromSeconds(3),
            KeepAlive = TimeSpan.FromSeconds(60),
            TokenLifetime = TimeSpan.FromHours(1),
            PingTimeout = TimeSpan.FromSeconds(10),
        };
    }

    /// <summary>The number in "attempt N failed": LastError holds only the latest attempt, so wait for "at least N".</summary>
    private static int FailedAttempts(OneNetConnection connection) =>
        connection.LastError is { } error && Regex.Match(error, @"attempt (\d+) failed") is { Success: true } match ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;

    /// <summary>Lets the connection's time run (see <see cref="TestClock.RunUntilAsync"/>) until <paramref name="condition"/> holds.</summary>
    private Task RunUntilAsync(Func<bool> condition, TimeSpan? timeout = null, TimeSpan? longestJump = null,
        [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(condition))] string? because = null) =>
        _clock.RunUntilAsync(condition, longestJump ?? LongestJump, timeout, because);

    /// <summary>
    /// Asserts that nothing waits on the connection's clock any more, so nothing it could set off (a reconnect attempt)
    /// can follow, then lets a minute (many backoff periods) pass.
    /// </summary>
    private void LetTimePassWithNothingArmed()
    {
        Assert.True(_clock.NothingArmed, $"something still waits on the clock until {_clock.NextDue:O}");
        _clock.Advance(TimeSpan.FromMinutes(1));
    }

    private static ConcurrentQueue<ConnectionStateChange> Record(OneNetConnection connection)
    {
        var changes = new ConcurrentQueue<ConnectionStateChange>();
        connection.StateChanged += (_, change) => changes.Enqueue(change);
        return changes;
    }

    private async Task<object?> NextMessageAsync(WatchQueue queue, string device)
    {
        await Simulator.EmitPropertyReportsAsync(1, Simulator.Fleet.ProductIds.First(), device);
        Assert.True(queue.TryTake(out var item, TimeSpan.FromSeconds(5), CancellationToken.None), "no message arrived");
        return item;
    }

    [Fact]
    public async Task DroppedLink_ReconnectsAndRestoresEverySubscriptionBeforeReportingConnected()
    {
        var connection = await ConnectAsync(Fast());
        var changes = Record(connection);
        using var queue = new WatchQueue(100);
        var topics = Simulator.Fleet.Devices.Select(d => d.PropertyTopic).ToList();
        await connection.SubscribeAsync(queue, topics, CancellationToken.None);

        await Simulator.DropAllConnectionsAsync();
        // The state changes before its event is raised: wait for the event, not the state.
        await RunUntilAsync(() => changes.Count == 2);

        Assert.Equal([ConnectionState.Reconnecting, ConnectionState.Connected], changes.Select(c => c.State));
        var reconnected = changes.Last();
        Assert.Equal(3, reconnected.Restored);
        Assert.NotNull(reconnected.Outage);
        Assert.Contains("3 subscription(s) restored", reconnected.Describe());
        Assert.Contains("lost", changes.First().Describe());
        Assert.Null(connection.LastError);
        Assert.False(queue.IsCompleted);
        Assert.IsType<OneNetPropertyMessage>(await NextMessageAsync(queue, "device0002"));
        Assert.Equal(2, Simulator.Counters.Connections);
    }

    [Fact]
    public async Task ALinkThatDiesWithinSecondsOfConnecting_IsFlapping_AndBacksOff_WhileAStableLinkStartsAfreshNextTime()
    {
        // Initial 100 ms doubling to 5 s: the sixth flap waits 1.6 to 3.2 s (3.2 s less up to the jitter's half). On
        // fake time an outage lasts exactly its backoff, and a link lives only as long as the test moves the clock.
        var connection = await ConnectAsync(Fast() with { ReconnectFastCeiling = TimeSpan.FromSeconds(5), ReconnectMaxDelay = TimeSpan.FromSeconds(5), StablePeriod = TimeSpan.FromSeconds(1) });
        var changes = Record(connection);
        for (var flap = 1; flap <= 6; flap++)
        {
            await Simulator.DropAllConnectionsAsync();
            await RunUntilAsync(() => changes.Count(c => c.State == ConnectionState.Connected) == flap, longestJump: TimeSpan.FromSeconds(5));
        }
        var lastFlap = changes.Last().Outage!.Value;
        Assert.True(lastFlap >= TimeSpan.FromSeconds(1.6), $"the sixth flap should back off, but the link was down only {lastFlap.TotalMilliseconds:0} ms");
        Assert.True(lastFlap <= TimeSpan.FromSeconds(3.2), $"the sixth flap should wait at most 3.2 s, but the link was down {lastFlap.TotalMilliseconds:0} ms");

        _clock.Advance(TimeSpan.FromSeconds(1.5)); // longer than the stable period: the link counts as restored
        await Simulator.DropAllConnectionsAsync();
        await RunUntilAsync(() => changes.Count(c => c.State == ConnectionState.Connected) == 7);
        var afterStable = changes.Last().Outage!.Value;
        Assert.True(afterStable <= TimeSpan.FromMilliseconds(100), $"after a stable link the backoff should start again at 100 ms, but the link was down {afterStable.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task EveryAttempt_SignsAFreshToken_SoShortLivedTokensSurviveManyReconnects()
    {
        // The simulator's clock, not fake time: the connection signs its tokens by the clock the simulator checks them
        // against, and jumping that clock ahead is what expires them.
        var connection = await ConnectAsync(Fast() with { Clock = Simulator.Clock, TokenLifetime = TimeSpan.FromSeconds(60) });
        using var queue = new WatchQueue(100);
        await connection.SubscribeAsync(queue, [Simulator.Fleet.Devices[0].PropertyTopic], CancellationToken.None);
        for (var round = 1; round <= 4; round++)
        {
            var previousExpiry = connection.TokenExpiresAt;
            Simulator.Clock.Advance(TimeSpan.FromMinutes(5)); // the previous token is long expired now
            await Simulator.DropAllConnectionsAsync();
            await Wait.UntilAsync(() => connection.ReconnectCount == round && connection.State == ConnectionState.Connected);
            Assert.True(connection.TokenExpiresAt > previousExpiry);
            Assert.True(connection.TokenExpiresAt > Simulator.Clock.GetUtcNow());
            Assert.IsType<OneNetPropertyMessage>(await NextMessageAsync(queue, "device0001"));
        }
        Assert.Equal(0, Simulator.Counters.AuthFailures);
    }

    [Fact]
    public async Task RefusedCredentials_StopTheLoopWithAClearError_WithoutRetrying()
    {
        var connection = await ConnectAsync(Fast());
        using var queue = new WatchQueue(10);
        await connection.SubscribeAsync(queue, [Simulator.Fleet.Devices[0].PropertyTopic], CancellationToken.None);
        Simulator.RefuseAllLogins = true;
        await Simulator.DropAllConnectionsAsync();
        await RunUntilAsync(() => connection.State == ConnectionState.Closed);
        Assert.Contains("refused", connection.LastError);
        Assert.Contains("CONNACK 4", connection.LastError);
        await Wait.UntilAsync(() => queue.IsCompleted); // listeners are released just after the state turns Closed
        await Wait.UntilAsync(() => !connection.HasBackgroundWork);
        LetTimePassWithNothingArmed();
        Assert.Equal(1, Simulator.Counters.AuthFailures);
    }

    [Fact]
    public async Task NetworkErrors_KeepRetrying_UntilTheServerIsBack()
    {
        var connection = await ConnectAsync(Fast());
        await Simulator.StopListenerAsync();
        await RunUntilAsync(() => FailedAttempts(connection) >= 3);
        Assert.Equal(ConnectionState.Reconnecting, connection.State);
        await Simulator.StartListenerAsync();
        await RunUntilAsync(() => connection.State == ConnectionState.Connected);
        Assert.Equal(1, connection.ReconnectCount);
    }

    [Fact]
    public async Task SetsInFlight_FailPromptlyOnALostLink_AndNewSetsWaitForTheReconnect()
    {
        await using var silent = await SimulatorServer.StartAsync(new SimulatorOptions { DeviceCount = 1, ReplyToPropertySet = false, ReportInterval = TimeSpan.FromHours(1) });
        var connection = await ConnectAsync(Fast(silent));
        var product = silent.Fleet.ProductIds.First();
        SetCommand Command() { var id = RequestIds.New(); return new SetCommand(SetKind.Property, product, "device0001", id, SetPayload.Build(id, new Hashtable { ["switch"] = true })); }

        Assert.True(TestConnection.SetsOf(connection).TryStart(Command(), TimeSpan.FromMinutes(5), default, out var inFlight));
        await Wait.UntilAsync(() => silent.Counters.SetsReceived == 1);
        await silent.StopListenerAsync();
        var failed = await inFlight.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(SetStatus.Failed, failed.Status);
        Assert.Equal("ConnectionLost", failed.Code);
        Assert.Equal(ConnectionState.Reconnecting, connection.State);

        Assert.True(TestConnection.SetsOf(connection).TryStart(Command(), TimeSpan.FromSeconds(20), default, out var waiting));
        var failedBefore = FailedAttempts(connection);
        await RunUntilAsync(() => FailedAttempts(connection) >= failedBefore + 3); // the set waits through failed attempts
        Assert.False(waiting.IsCompleted);
        await silent.StartListenerAsync();
        await RunUntilAsync(() => silent.Counters.SetsReceived == 2, TimeSpan.FromSeconds(10));
        Assert.Equal(1, TestConnection.SetsOf(connection).PendingCount); // only the new one waits: this simulator never answers
    }

    [Fact]
    public async Task ASetThatFindsTheLinkAlreadyGone_IsConnectionLost_NeverPublishFailed()
    {
        // Cut under the connection's feet: MQTTnet may not have reported the drop when the set publishes. Whichever
        // wins the race, the set is answered after the reconnect or fails as a lost connection.
        await using var proxy = LinkFaultProxy.Start(Simulator.Host, Simulator.Port);
        var connection = await ConnectAsync(Fast() with { Port = proxy.Port });
        var product = Simulator.Fleet.ProductIds.First();
        var codes = new List<string?>();
        for (var round = 1; round <= 10; round++)
        {
            await RunUntilAsync(() => connection.State == ConnectionState.Connected, TimeSpan.FromSeconds(10));
            var id = RequestIds.New();
            proxy.CutAllLinks();
            Assert.True(TestConnection.SetsOf(connection).TryStart(new SetCommand(SetKind.Property, product, "device0001", id, SetPayload.Build(id, new Hashtable { ["switch"] = true })),
                TimeSpan.FromSeconds(10), default, out var reply));
            await RunUntilAsync(() => reply.IsCompleted, TimeSpan.FromSeconds(15));
            var result = await reply;
            codes.Add(result.Status == SetStatus.Succeeded ? "Succeeded" : result.Code);
        }
        Assert.All(codes, code => Assert.Contains(code, new[] { "Succeeded", "ConnectionLost" }));
    }

    [Fact]
    public async Task Listeners_HearOfALostLink_AndOfSubscriptionsTheBrokerNoLongerGrants()
    {
        var connection = await ConnectAsync(Fast());
        var listener = new SignalRecorder();
        var topic = Simulator.Fleet.Devices[0].PropertyTopic;
        await connection.SubscribeAsync(listener, [topic], CancellationToken.None);

        Simulator.RefuseAllSubscriptions = true;
        await Simulator.DropAllConnectionsAsync();
        await RunUntilAsync(() => listener.Dropped.Contains(topic));
        Assert.Contains(listener.LinkLost, reason => reason.Contains("lost"));
        Assert.Equal(0, connection.SubscriptionCount);
    }

    [Fact]
    public async Task EachListenerHearsEachLossAndTheCloseOnce_WhetherItHoldsTopics_ListensToTheLink_OrBoth()
    {
        var connection = await ConnectAsync(Fast());
        var holder = new SignalRecorder();
        var both = new SignalRecorder();
        var linkOnly = new SignalRecorder();
        var gone = new SignalRecorder();
        var topics = Simulator.Fleet.Devices.Select(d => d.PropertyTopic).ToList();
        await connection.SubscribeAsync(holder, topics, CancellationToken.None);
        await connection.SubscribeAsync(both, topics, CancellationToken.None);
        connection.Listen(both);
        connection.Listen(linkOnly);
        connection.Listen(gone);
        connection.StopListening(gone);

        await Simulator.DropAllConnectionsAsync();
        await RunUntilAsync(() => connection.ReconnectCount == 1 && connection.State == ConnectionState.Connected);
        Simulator.RefuseAllLogins = true;
        await Simulator.DropAllConnectionsAsync();
        await RunUntilAsync(() => connection.State == ConnectionState.Closed);
        await Wait.UntilAsync(() => linkOnly.Closed.Count == 1); // listeners are released just after the state turns Closed

        foreach (var listener in new[] { holder, both, linkOnly })
        {
            Assert.Equal(2, listener.LinkLost.Count);
            var reason = Assert.Single(listener.Closed);
            Assert.Contains("refused", reason);
        }
        Assert.Empty(gone.LinkLost);
        Assert.Empty(gone.Closed);
    }

    [Fact]
    public async Task ASetWaitingForTheReconnect_FailsWithTheReason_WhenTheReconnectIsRefused()
    {
        await using var silent = await SimulatorServer.StartAsync(new SimulatorOptions { DeviceCount = 1, ReplyToPropertySet = false, ReportInterval = TimeSpan.FromHours(1) });
        var connection = await ConnectAsync(Fast(silent));
        var sets = TestConnection.SetsOf(connection);
        silent.RefuseAllLogins = true;
        await silent.DropAllConnectionsAsync();
        await RunUntilAsync(() => connection.State == ConnectionState.Reconnecting);
        var id = RequestIds.New();
        Assert.True(sets.TryStart(new SetCommand(SetKind.Property, silent.Fleet.ProductIds.First(), "device0001", id, SetPayload.Build(id, new Hashtable { ["switch"] = true })),
            TimeSpan.FromMinutes(5), default, out var waiting));

        await RunUntilAsync(() => waiting.IsCompleted);
        var failed = await waiting;
        Assert.Equal(SetStatus.Failed, failed.Status);
        Assert.Contains("refused", failed.Message);
        Assert.Equal(0, silent.Counters.SetsReceived);
        Assert.Equal(0, sets.PendingCount);
    }

    [Fact]
    public async Task AStalledLink_DeliversWhatWasHeldOnceItFlowsAgain_WithoutAReconnect()
    {
        await using var proxy = LinkFaultProxy.Start(Simulator.Host, Simulator.Port);
        var connection = await ConnectAsync(Fast() with { Port = proxy.Port });
        var changes = Record(connection);
        using var queue = new WatchQueue(100);
        await connection.SubscribeAsync(queue, [Simulator.Fleet.Devices[0].PropertyTopic], CancellationToken.None);

        proxy.Fault = LinkFault.Stall;
        await Simulator.EmitPropertyReportsAsync(1, Simulator.Fleet.ProductIds.First(), "device0001");
        Assert.False(queue.TryTake(out _, TimeSpan.FromMilliseconds(300), CancellationToken.None), "a stalled link delivered");
        proxy.Fault = LinkFault.None;
        Assert.True(queue.TryTake(out var held, TimeSpan.FromSeconds(5), CancellationToken.None), "the held report never came");
        Assert.IsType<OneNetPropertyMessage>(held);
        Assert.Empty(changes);
    }

    [Fact]
    public async Task HalfOpenLink_IsFoundByTheWatchdog_EvenWhileTheAppKeepsPublishing()
    {
        await using var proxy = LinkFaultProxy.Start(Simulator.Host, Simulator.Port);
        var connection = await ConnectAsync(Fast() with { Port = proxy.Port, KeepAlive = TimeSpan.FromSeconds(2), PingTimeout = TimeSpan.FromMilliseconds(500) });
        var changes = Record(connection);
        proxy.Fault = LinkFault.Blackhole;
        using var publishing = new CancellationTokenSource();
        var publisher = Task.Run(async () =>
        {
            // An app that publishes all the time keeps MQTTnet's own keepalive from ever pinging.
            while (!publishing.IsCancellationRequested)
            {
                _ = connection.PublishAsync(OneNetStudio.Core.Topics.OneNetTopics.Build(Simulator.Fleet.ProductIds.First(), "device0001", OneNetStudio.Core.Topics.TopicKind.PropertySet), "{}"u8.ToArray(), publishing.Token).ContinueWith(t => t.Exception);
                await Task.Delay(100);
            }
        });
        // On fake time the watchdog checks every second; after 3 s of silence it pings, and 0.5 s later the link is dead.
        await RunUntilAsync(() => !changes.IsEmpty, TimeSpan.FromSeconds(15));
        Assert.Equal(ConnectionState.Reconnecting, changes.First().State);
        Assert.Contains("half-open", changes.First().Reason);
        proxy.Fault = LinkFault.None;
        await RunUntilAsync(() => connection.State == ConnectionState.Connected && connection.ReconnectCount == 1, TimeSpan.FromSeconds(10));
        await publishing.CancelAsync();
        await publisher;
    }

    [Fact]
    public async Task UnansweredPings_OnASilentLink_LeadToAReconnect()
    {
        await using var proxy = LinkFaultProxy.Start(Simulator.Host, Simulator.Port);
        // Keepalive 3 s, not 1 s: the server drops a client it has not heard from for 1.5 × keepalive (in real time), and
        // the test must end before that could happen. On fake time the watchdog pings after 4.5 s of silence; the
        // answer is swallowed, and the deadline 0.5 s later calls the link half-open.
        var connection = await ConnectAsync(Fast() with { Port = proxy.Port, KeepAlive = TimeSpan.FromSeconds(3), PingTimeout = TimeSpan.FromMilliseconds(500) });
        var changes = Record(connection);
        proxy.Fault = LinkFault.SwallowPingResponses;
        await RunUntilAsync(() => !changes.IsEmpty, TimeSpan.FromSeconds(20));
        Assert.Equal(ConnectionState.Reconnecting, changes.First().State);
        var reason = changes.First().Reason;
        Assert.Contains("half-open", reason);
        // The deadline is moved to at once, so the swallowed answer may reach the proxy just after it.
        await Wait.UntilAsync(() => proxy.SwallowedPings >= 1, because: $"no ping was swallowed; the link went down because: {reason}");
        proxy.Fault = LinkFault.None;
        await RunUntilAsync(() => connection.State == ConnectionState.Connected && connection.ReconnectCount >= 1, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task DisconnectDuringReconnecting_EndsTheLoop_AndLeavesNothingRunning()
    {
        var connection = await ConnectAsync(Fast());
        await Simulator.StopListenerAsync();
        await Wait.UntilAsync(() => connection.State == ConnectionState.Reconnecting);
        await connection.DisconnectAsync();
        Assert.Equal(ConnectionState.Closed, connection.State);
        Assert.False(connection.HasBackgroundWork);
        await Simulator.StartListenerAsync();
        LetTimePassWithNothingArmed();
        Assert.Equal(ConnectionState.Closed, connection.State);
        Assert.Equal(0, Simulator.Counters.ConnectedClients);
    }

    [Fact]
    public async Task DisconnectFromAHandlerOfTheLoss_NeitherDeadlocksNorLeavesALoopRunning()
    {
        // The reconnect loop waits until the loss has been announced to every handler; a handler that disconnects
        // must not wait on that loop forever, and no loop may start after the disconnect.
        var connection = await ConnectAsync(Fast());
        Task? disconnecting = null;
        connection.StateChanged += (_, change) =>
        {
            if (change.State == ConnectionState.Reconnecting)
            {
                disconnecting = connection.DisconnectAsync();
            }
        };
        await Simulator.DropAllConnectionsAsync();
        await Wait.UntilAsync(() => disconnecting is not null);
        await disconnecting!.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(ConnectionState.Closed, connection.State);
        Assert.False(connection.HasBackgroundWork);
        LetTimePassWithNothingArmed();
        Assert.Equal(1, Simulator.Counters.Connections);
    }

    [Fact]
    public async Task SubscribeDuringReconnecting_WaitsForTheLink()
    {
        var connection = await ConnectAsync(Fast());
        await Simulator.StopListenerAsync();
        await Wait.UntilAsync(() => connection.State == ConnectionState.Reconnecting);
        using var queue = new WatchQueue(10);
        var subscribing = connection.SubscribeAsync(queue, [Simulator.Fleet.Devices[1].PropertyTopic], CancellationToken.None);
        var failedBefore = FailedAttempts(connection);
        await RunUntilAsync(() => FailedAttempts(connection) >= failedBefore + 3); // the subscribe waits through failed attempts
        Assert.False(subscribing.IsCompleted);
        await Simulator.StartListenerAsync();
        await RunUntilAsync(() => subscribing.IsCompleted, TimeSpan.FromSeconds(10));
        var result = await subscribing;
        Assert.Single(result.Granted);
        Assert.IsType<OneNetPropertyMessage>(await NextMessageAsync(queue, "device0002"));
    }

    [Fact]
    public async Task Dispose_LeavesNoBackgroundWork()
    {
        var connection = await ConnectAsync(Fast());
        Assert.True(connection.HasBackgroundWork); // the watchdog
        Assert.False(_clock.NothingArmed);        // its timer
        await connection.DisposeAsync();
        Assert.False(connection.HasBackgroundWork);
        Assert.True(_clock.NothingArmed, $"something still waits on the clock until {_clock.NextDue:O}");
    }

    [Fact]
    public async Task ServerUnavailable_DuringAReconnect_KeepsRetrying()
    {
        var connection = await ConnectAsync(Fast());
        Simulator.Unavailable = true;
        await Simulator.DropAllConnectionsAsync();
        await RunUntilAsync(() => FailedAttempts(connection) >= 2);
        Assert.Contains("CONNACK 3", connection.LastError);
        Assert.Equal(ConnectionState.Reconnecting, connection.State);
        Simulator.Unavailable = false;
        await RunUntilAsync(() => connection.State == ConnectionState.Connected);
    }

    [Fact]
    public async Task SubscriptionsRefusedOnRestore_AreForgotten_AndCounted()
    {
        var connection = await ConnectAsync(Fast());
        var changes = Record(connection);
        using var queue = new WatchQueue(10);
        await connection.SubscribeAsync(queue, Simulator.Fleet.Devices.Select(d => d.PropertyTopic).ToList(), CancellationToken.None);
        Assert.Equal(3, connection.SubscriptionCount);
        Simulator.RefuseAllSubscriptions = true;
        await Simulator.DropAllConnectionsAsync();
        await RunUntilAsync(() => changes.Count == 2);
        Assert.Equal(ConnectionState.Connected, changes.Last().State);
        Assert.Equal(3, changes.Last().Refused);
        Assert.Contains("3 refused", changes.Last().Describe());
        Assert.Equal(0, connection.SubscriptionCount);
    }

    [Fact]
    public async Task WithoutReconnect_AHalfOpenLinkFoundByTheWatchdog_IsClosed_SocketAndAll()
    {
        await using var proxy = LinkFaultProxy.Start(Simulator.Host, Simulator.Port);
        var connection = await ConnectAsync(Fast() with { Port = proxy.Port, KeepAlive = TimeSpan.FromSeconds(1), PingTimeout = TimeSpan.FromMilliseconds(500), AutoReconnect = false });
        proxy.Fault = LinkFault.Blackhole;
        await RunUntilAsync(() => connection.State == ConnectionState.Closed, TimeSpan.FromSeconds(15));
        await Wait.UntilAsync(() => proxy.LinkCount == 0, TimeSpan.FromSeconds(10));
    }
}
