using System.Collections;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using OneNetStudio.Core.Connection;
using OneNetStudio.Core.Requests;
using OneNetStudio.Core.Topics;
using OneNetStudio.Simulator;

namespace OneNetStudio.Tests;

public class SetRequesterTests : IAsyncDisposable
{
    private static readonly TimeSpan SetTimeout = TimeSpan.FromSeconds(10);
    private SimulatorServer? _simulator;
    private OneNetConnection? _connection;

    /// <summary>A simulator and a session on it; with <paramref name="clock"/>, the session's set timeouts run on fake time.</summary>
    private async Task<OneNetConnection> StartAsync(SimulatorOptions? options = null, bool group = false, TestClock? clock = null, bool autoReconnect = true)
    {
        _simulator = await SimulatorServer.StartAsync(options ?? new SimulatorOptions { DeviceCount = 4, ReportInterval = TimeSpan.FromHours(1), ReplyDelay = TimeSpan.Zero });
        _connection = await ((group ? TestConnection.GroupOf(_simulator) : TestConnection.UserOf(_simulator)) with { Clock = clock, AutoReconnect = autoReconnect }).ConnectAsync();
        return _connection;
    }

    /// <summary>A simulator whose devices never answer a property set.</summary>
    private static SimulatorOptions NeverAnswering(int devices = 1) => new() { DeviceCount = devices, ReplyToPropertySet = false, ReportInterval = TimeSpan.FromHours(1) };

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
        if (_simulator is not null) await _simulator.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private string Product => _simulator!.Fleet.ProductIds.Single();

    private SetCommand Command(string device, IDictionary properties, SetKind kind = SetKind.Property, string? requestId = null)
    {
        var id = requestId ?? RequestIds.New();
        return new SetCommand(kind, Product, device, id, SetPayload.Build(id, properties));
    }

    private static Task<OneNetSetReply> Start(OneNetConnection connection, SetCommand command, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        Assert.True(TestConnection.SetsOf(connection).TryStart(command, timeout ?? SetTimeout, cancellationToken, out var reply));
        return reply;
    }

    private Task InjectReplyAsync(string device, string json) =>
        _simulator!.InjectAsync(OneNetTopics.Build(Product, device, TopicKind.SetReply), Encoding.UTF8.GetBytes(json));

    [Fact]
    public async Task Success_CompletesWithKindElapsedAndTheNewValue()
    {
        var connection = await StartAsync();
        var command = Command("device0001", new Hashtable { ["temperature"] = 31.5 });
        var reply = await Start(connection, command);
        Assert.Equal(SetStatus.Succeeded, reply.Status);
        Assert.True(reply.Success);
        Assert.Equal(command.RequestId, reply.RequestId);
        Assert.Equal(SetKind.Property, reply.Kind);
        Assert.Equal("device0001", reply.DeviceName);
        Assert.NotNull(reply.Elapsed);
        Assert.Contains(command.RequestId, reply.Json);
        Assert.Equal(31.5, _simulator!.Fleet.Find(Product, "device0001")!.GetValues()["temperature"]);
        Assert.Equal(0, TestConnection.SetsOf(connection).PendingCount);
        Assert.True(TestConnection.SetsOf(connection).Book.TryGet(command.RequestId, out var booked));
        Assert.Same(reply, booked);
    }

    [Fact]
    public async Task Failure_CarriesThePlatformCodeAndMessage()
    {
        var connection = await StartAsync();
        var reply = await Start(connection, Command("nosuchdevice", new Hashtable { ["switch"] = true }));
        Assert.Equal(SetStatus.Failed, reply.Status);
        Assert.False(reply.Success);
        Assert.Equal("deviceNotFound", reply.Code);
        Assert.False(string.IsNullOrEmpty(reply.Message));
    }

    [Fact]
    public async Task NoReply_TimesOutNearTheTimeout_AndTheLateReplyIsIgnored()
    {
        var clock = new TestClock();
        var connection = await StartAsync(NeverAnswering(), clock: clock);
        var command = Command("device0001", new Hashtable { ["switch"] = true });
        var timingOut = Start(connection, command, TimeSpan.FromMilliseconds(300));
        await Wait.UntilAsync(() => _simulator!.Counters.SetsReceived == 1); // sent; this simulator never answers
        clock.Advance(TimeSpan.FromMilliseconds(299));
        Assert.False(timingOut.IsCompleted, "the set gave up before its timeout");
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var reply = await timingOut.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(SetStatus.TimedOut, reply.Status);
        Assert.Equal("Timeout", reply.Code);
        Assert.Equal(TimeSpan.FromMilliseconds(300), reply.Elapsed);
        Assert.Equal(0, TestConnection.SetsOf(connection).PendingCount);

        await InjectReplyAsync("device0001", $$$"""{"requestId":"{{{command.RequestId}}}","success":true}""");
        await Task.Delay(100);
        Assert.True(TestConnection.SetsOf(connection).Book.TryGet(command.RequestId, out var booked));
        Assert.Equal(SetStatus.TimedOut, booked!.Status);
    }

    [Fact]
    public async Task Find_GivesAPendingPlaceholderWhoseOutcomeCompletes_EvenWhenTheSetTimesOut()
    {
        var clock = new TestClock();
        var connection = await StartAsync(NeverAnswering(), clock: clock);
        var command = Command("device0001", new Hashtable { ["switch"] = true });
        var reply = Start(connection, command, TimeSpan.FromMilliseconds(300));
        var known = TestConnection.SetsOf(connection).Find(command.RequestId, out var outcome);
        Assert.Equal(SetStatus.Pending, known!.Status);
        await Wait.UntilAsync(() => _simulator!.Counters.SetsReceived == 1);
        clock.Advance(TimeSpan.FromMilliseconds(300));
        var final = await outcome!.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(SetStatus.TimedOut, final.Status);
        Assert.Same(final, await reply);
        Assert.Same(final, TestConnection.SetsOf(connection).Find(command.RequestId, out var none));
        Assert.Null(none);
        Assert.Null(TestConnection.SetsOf(connection).Find("never-sent", out _));
    }

    [Fact]
    public async Task DesiredSetWithoutReply_IsAccepted()
    {
        var connection = await StartAsync(new SimulatorOptions { DeviceCount = 1, ReplyToDesiredSet = false, ReportInterval = TimeSpan.FromHours(1) });
        // The wait covers the reply subscription and the PUBACK too: 2 s leaves a loaded machine room for both.
        var reply = await Start(connection, Command("device0001", new Hashtable { ["reportInterval"] = 30 }, SetKind.Desired), TimeSpan.FromSeconds(2));
        Assert.Equal(SetStatus.Accepted, reply.Status);
        Assert.True(reply.Success);
        Assert.Equal(SetKind.Desired, reply.Kind);
        var device = _simulator!.Fleet.Find(Product, "device0001")!;
        await Wait.UntilAsync(() => device.GetDesiredValues().ContainsKey("reportInterval"));
        Assert.Equal(30L, device.GetDesiredValues()["reportInterval"].Value);
    }

    [Fact]
    public async Task DuplicateRequestIdInFlight_IsRefusedAndNothingIsSent()
    {
        var clock = new TestClock();
        var connection = await StartAsync(NeverAnswering(), clock: clock);
        var first = Start(connection, Command("device0001", new Hashtable { ["switch"] = true }, requestId: "same-id"), TimeSpan.FromSeconds(2));
        Assert.False(TestConnection.SetsOf(connection).TryStart(Command("device0001", new Hashtable { ["switch"] = false }, requestId: "same-id"), SetTimeout, default, out _));
        await Wait.UntilAsync(() => _simulator!.Counters.SetsReceived == 1);
        await Task.Delay(200); // a refused set would have been published at once, as the first was
        Assert.Equal(1, _simulator!.Counters.SetsReceived);
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(SetStatus.TimedOut, (await first.WaitAsync(TimeSpan.FromSeconds(5))).Status);
        // Once the first is done the id may be used again.
        Assert.True(TestConnection.SetsOf(connection).TryStart(Command("device0001", new Hashtable { ["switch"] = false }, requestId: "same-id"), TimeSpan.FromMilliseconds(100), default, out var again));
        clock.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(SetStatus.TimedOut, (await again.WaitAsync(TimeSpan.FromSeconds(5))).Status);
    }

    [Fact]
    public async Task ThousandsInFlight_RepliesOutOfOrderWithDuplicatesAndForeignIds_EachGetsItsOwn()
    {
        const int devices = 20;
        const int perDevice = 100;
        var connection = await StartAsync(NeverAnswering(devices));
        var sent = new List<(SetCommand Command, Task<OneNetSetReply> Reply)>();
        for (var d = 1; d <= devices; d++)
        {
            for (var i = 0; i < perDevice; i++)
            {
                var command = Command($"device{d:D4}", new Hashtable { ["humidity"] = i });
                sent.Add((command, Start(connection, command, TimeSpan.FromSeconds(60))));
            }
        }
        await Wait.UntilAsync(() => _simulator!.Counters.SetsReceived == devices * perDevice, TimeSpan.FromSeconds(20));
        Assert.Equal(devices * perDevice, TestConnection.SetsOf(connection).PendingCount);

        // Foreign ids and a reply on the wrong device's topic must not complete anything.
        await InjectReplyAsync("device0001", """{"requestId":"not-ours","success":true}""");
        await InjectReplyAsync("device0002", $$$"""{"requestId":"{{{sent[0].Command.RequestId}}}","success":true}""");
        await Task.Delay(100);
        Assert.False(sent[0].Reply.IsCompleted);

        var random = new Random(7);
        var order = sent.OrderBy(_ => random.Next()).ToList();
        var injects = new List<Task>();
        foreach (var (command, _) in order)
        {
            var index = int.Parse(command.DeviceName[^4..]);
            var json = index % 2 == 0
                ? $$$"""{"requestId":"{{{command.RequestId}}}","success":true}"""
                : $$$"""{"requestId":"{{{command.RequestId}}}","code":"dataTypeError","msg":"data type error","success":false}""";
            injects.Add(InjectReplyAsync(command.DeviceName, json));
            injects.Add(InjectReplyAsync(command.DeviceName, """{"requestId":"x","success":false}""")); // foreign
        }
        // Duplicates of the first hundred, after the originals.
        await Task.WhenAll(injects);
        foreach (var (command, _) in order.Take(100))
        {
            await InjectReplyAsync(command.DeviceName, $$$"""{"requestId":"{{{command.RequestId}}}","success":false,"code":"late"}""");
        }

        var replies = await Task.WhenAll(sent.Select(s => s.Reply));
        for (var i = 0; i < sent.Count; i++)
        {
            var (command, _) = sent[i];
            Assert.Equal(command.RequestId, replies[i].RequestId);
            Assert.Equal(command.DeviceName, replies[i].DeviceName);
            var even = int.Parse(command.DeviceName[^4..]) % 2 == 0;
            Assert.Equal(even ? SetStatus.Succeeded : SetStatus.Failed, replies[i].Status);
        }
        await Task.Delay(100);
        Assert.Equal(0, TestConnection.SetsOf(connection).PendingCount);
        Assert.All(replies.Where(r => r.Status == SetStatus.Failed), r => Assert.Equal("dataTypeError", r.Code));
        // One reply subscription per device, however many sets.
        Assert.Equal(devices, connection.SubscriptionCount);
    }

    [Fact]
    public async Task ConnectionLoss_FailsEveryPendingSetAtOnce()
    {
        var connection = await StartAsync(NeverAnswering(3));
        var pending = Enumerable.Range(1, 3)
            .Select(d => Start(connection, Command($"device{d:D4}", new Hashtable { ["switch"] = true }), TimeSpan.FromMinutes(5)))
            .ToList();
        await Wait.UntilAsync(() => _simulator!.Counters.SetsReceived == 3);
        await _simulator!.DropAllConnectionsAsync();
        var replies = await Task.WhenAll(pending).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.All(replies, r =>
        {
            Assert.Equal(SetStatus.Failed, r.Status);
            Assert.Equal("ConnectionLost", r.Code);
        });
        Assert.Equal(0, TestConnection.SetsOf(connection).PendingCount);
    }

    [Fact]
    public async Task ALinkLostWithReconnectingOff_FailsTheSetsWaiting_WithTheReason()
    {
        var connection = await StartAsync(NeverAnswering(), autoReconnect: false);
        var waiting = Start(connection, Command("device0001", new Hashtable { ["switch"] = true }), TimeSpan.FromMinutes(5));
        await Wait.UntilAsync(() => _simulator!.Counters.SetsReceived == 1);
        await _simulator!.DropAllConnectionsAsync();
        var failed = await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(SetStatus.Failed, failed.Status);
        Assert.Equal("ConnectionLost", failed.Code);
        Assert.StartsWith("The connection was lost at ", failed.Message);
        Assert.EndsWith("The set may or may not have reached the device.", failed.Message);
        Assert.Equal(ConnectionState.Closed, connection.State);
    }

    [Fact]
    public async Task ClosingTheSessionWhileASetWaits_FailsItAsClosedBeforeTheReply()
    {
        var connection = await StartAsync(NeverAnswering());
        var waiting = Start(connection, Command("device0001", new Hashtable { ["switch"] = true }), TimeSpan.FromMinutes(5));
        await Wait.UntilAsync(() => _simulator!.Counters.SetsReceived == 1);
        await connection.DisconnectAsync();
        var failed = await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("ConnectionLost", failed.Code);
        Assert.Equal("The session was closed before the reply came.", failed.Message);
    }

    [Fact]
    public async Task DisposingTheRequester_FailsItsSets_AndGivesBackItsReplyTopics_OnALinkThatStaysUp()
    {
        var connection = await StartAsync(NeverAnswering(2));
        var sets = new SetRequester(connection);
        var waiting = new[] { "device0001", "device0002" }
            .Select(d => { Assert.True(sets.TryStart(Command(d, new Hashtable { ["switch"] = true }), TimeSpan.FromMinutes(5), default, out var reply)); return reply; })
            .ToList();
        await Wait.UntilAsync(() => _simulator!.Counters.SetsReceived == 2);
        Assert.Equal(2, connection.SubscriptionCount);

        sets.Dispose();
        var failed = await Task.WhenAll(waiting).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.All(failed, f => Assert.Equal("The session was closed before the reply came.", f.Message));
        Assert.Equal(0, connection.SubscriptionCount);
        Assert.Equal(0, sets.PendingCount);
        Assert.Equal(ConnectionState.Connected, connection.State);
        Assert.Equal(2, sets.Book.Newest().Count); // the book stays readable
    }

    [Fact]
    public async Task SetOnAClosedSession_FailsAtOnce()
    {
        var connection = await StartAsync();
        await connection.DisconnectAsync();
        var reply = await Start(connection, Command("device0001", new Hashtable { ["switch"] = true })).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(SetStatus.Failed, reply.Status);
        Assert.Equal("SessionClosed", reply.Code);
        Assert.Contains("is closed", reply.Message);
        Assert.DoesNotContain("Object name", reply.Message);
        Assert.Equal(0, TestConnection.SetsOf(connection).PendingCount);
    }

    [Fact]
    public async Task Cancellation_CancelsAndForgetsTheRequest()
    {
        var connection = await StartAsync(NeverAnswering());
        using var stop = new CancellationTokenSource();
        var reply = Start(connection, Command("device0001", new Hashtable { ["switch"] = true }), TimeSpan.FromMinutes(5), stop.Token);
        await Wait.UntilAsync(() => _simulator!.Counters.SetsReceived == 1);
        stop.Cancel();
        var outcome = await Record.ExceptionAsync(() => reply.WaitAsync(TimeSpan.FromSeconds(5)));
        if (outcome is null)
        {
            var result = await reply;
            Assert.Fail($"Completed with {result.Status} {result.Code} {result.Message}");
        }
        Assert.IsAssignableFrom<OperationCanceledException>(outcome);
        Assert.Equal(0, TestConnection.SetsOf(connection).PendingCount);
    }

    [Fact]
    public async Task DeviceOutsideTheGroup_FailsWithoutPublishing()
    {
        var connection = await StartAsync(group: true);
        var outside = _simulator!.Fleet.Devices.First(d => !d.InGroup);
        var reply = await Start(connection, Command(outside.Name, new Hashtable { ["switch"] = true }));
        Assert.Equal(SetStatus.Failed, reply.Status);
        Assert.Equal("SubscriptionRefused", reply.Code);
        Assert.Equal(0, _simulator.Counters.SetsReceived);
    }

    [Fact]
    public void ReplyBook_IsBoundedByCountAndAge()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var book = new ReplyBook(3, TimeSpan.FromMinutes(10), clock);
        var replies = Enumerable.Range(1, 4).Select(i => new OneNetSetReply("p", "d", "t", DateTimeOffset.UnixEpoch, "{}", $"r{i}", SetKind.Property, SetStatus.Succeeded, null, null, null)).ToList();
        foreach (var reply in replies)
        {
            book.Add(reply);
        }
        Assert.False(book.TryGet("r1", out _));
        Assert.True(book.TryGet("r4", out _));
        Assert.Equal(3, book.Count);
        clock.Advance(TimeSpan.FromMinutes(11));
        Assert.False(book.TryGet("r4", out _));
        Assert.Equal(0, book.Count);
    }
}
