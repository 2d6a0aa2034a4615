using System.Net;
using System.Net.Sockets;
using OneNetStudio.Core.Connection;
using OneNetStudio.Simulator;

namespace OneNetStudio.Tests;

public class ConnectionTests() : SimulatorTest(new SimulatorOptions { DeviceCount = 1 })
{
    private TestConnection Options => User with { ConnectTimeout = TimeSpan.FromSeconds(5) };

    [Fact]
    public async Task Connect_AsUser_IsConnectedUntilDisconnected()
    {
        var connection = await Options.ConnectAsync();
        Assert.Equal(ConnectionState.Connected, connection.State);
        Assert.NotNull(connection.ConnectedSince);
        Assert.True(connection.TokenExpiresAt > DateTimeOffset.UtcNow.AddHours(11));
        Assert.Matches("^[0-9a-f]{32}$", connection.Options.ClientId);
        await connection.DisposeAsync();
        Assert.Equal(ConnectionState.Closed, connection.State);
        await Wait.UntilAsync(() => Simulator.Counters.ConnectedClients == 0);
    }

    [Fact]
    public async Task Connect_AsGroup_Works()
    {
        var connection = await ConnectAsync(Group with { ConnectTimeout = TimeSpan.FromSeconds(5) });
        Assert.Equal(ConnectionState.Connected, connection.State);
    }

    [Fact]
    public async Task WrongKey_IsRefusedWithConnack4_WithoutTheKey()
    {
        var error = await Assert.ThrowsAsync<OneNetConnectException>(() => (Options with { Key = Simulator.GroupKey }).ConnectAsync());
        Assert.Equal(ConnectFailure.Refused, error.Failure);
        Assert.Equal(4, error.ConnackCode);
        Assert.Contains("CONNACK 4", error.Message);
        Assert.DoesNotContain("-AccessKey", error.Message); // Core says what happened; the cmdlet says which parameters to check
        Assert.DoesNotContain(Simulator.GroupKey, error.ToString());
    }

    [Fact]
    public async Task NothingListening_IsUnreachable()
    {
        var port = Loopback.FreePort();
        var error = await Assert.ThrowsAsync<OneNetConnectException>(() => (Options with { Port = port }).ConnectAsync());
        Assert.Equal(ConnectFailure.Unreachable, error.Failure);
        Assert.Equal($"127.0.0.1:{port}", error.Endpoint);
    }

    [Fact]
    public async Task ServerThatNeverAnswers_TimesOut()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var shortTimeout = User with { Port = ((IPEndPoint)silent.LocalEndpoint).Port, ConnectTimeout = TimeSpan.FromMilliseconds(500) };
        var error = await Assert.ThrowsAsync<OneNetConnectException>(() => shortTimeout.ConnectAsync());
        Assert.Equal(ConnectFailure.TimedOut, error.Failure);
    }

    [Fact]
    public async Task Cancellation_EndsTheConnectAttempt()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var options = Options with { Port = ((IPEndPoint)silent.LocalEndpoint).Port };
        using var cancel = new CancellationTokenSource(200);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => options.ConnectAsync(cancel.Token));
    }

    [Fact]
    public async Task WithoutReconnect_ServerDroppingTheLink_ClosesTheSessionWithTheReason_AndReleasesListeners()
    {
        var connection = await ConnectAsync(User with { AutoReconnect = false });
        using var queue = new OneNetStudio.Core.Watching.WatchQueue(10);
        await connection.SubscribeAsync(queue, [Simulator.Fleet.Devices[0].PropertyTopic], CancellationToken.None);
        await Simulator.DropAllConnectionsAsync();
        await Wait.UntilAsync(() => connection.State == ConnectionState.Closed);
        Assert.StartsWith("The connection was lost", connection.LastError);
        // Listeners are released just after the state turns Closed.
        await Wait.UntilAsync(() => queue.IsCompleted && connection.SubscriptionCount == 0);
        Assert.False(queue.TryTake(out _, TimeSpan.FromMilliseconds(100), CancellationToken.None));
        await Wait.UntilAsync(() => !connection.HasBackgroundWork);
    }

    [Fact]
    public async Task UnsubscribeThenResubscribe_TheOldUnsubscribeNeverCancelsTheNewSubscription()
    {
        await using var fleet = await SimulatorServer.StartAsync(new SimulatorOptions { DeviceCount = 700, ReportInterval = TimeSpan.FromHours(1) });
        await using var connection = await TestConnection.UserOf(fleet).ConnectAsync();
        var topics = fleet.Fleet.Devices.Select(d => d.PropertyTopic).ToList();
        using var first = new OneNetStudio.Core.Watching.WatchQueue(10_000);
        await connection.SubscribeAsync(first, topics, CancellationToken.None);
        // Four UNSUBSCRIBE batches go out in the background while the next watch subscribes the same topics.
        _ = connection.Unsubscribe(first, topics);
        using var second = new OneNetStudio.Core.Watching.WatchQueue(10_000);
        var result = await connection.SubscribeAsync(second, topics, CancellationToken.None);
        Assert.Equal(700, result.Granted.Count);
        await Task.Delay(300);
        Assert.Equal(700, await fleet.EmitPropertyReportsAsync(1));
        var received = 0;
        while (received < 700 && second.TryTake(out _, TimeSpan.FromSeconds(3), CancellationToken.None))
        {
            received++;
        }
        Assert.Equal(700, received);
    }

    [Fact]
    public async Task ListeningToAClosedConnection_HearsTheCloseAtOnce_AndNothingMore()
    {
        var connection = await ConnectAsync(Options);
        var before = new SignalRecorder();
        connection.Listen(before);
        await connection.DisconnectAsync();
        var after = new SignalRecorder();
        connection.Listen(after);
        await connection.DisconnectAsync();
        Assert.Equal([null], before.Closed);
        Assert.Equal([null], after.Closed);
        Assert.Empty(before.LinkLost);
    }

    [Fact]
    public async Task AListenerThatThrows_DoesNotKeepMessagesFromTheOthers()
    {
        var connection = await ConnectAsync(Options);
        var topic = Simulator.Fleet.Devices[0].PropertyTopic;
        var broken = new OneNetStudio.Core.Watching.WatchQueue(10);
        await connection.SubscribeAsync(broken, [topic], CancellationToken.None);
        broken.Dispose();
        await connection.SubscribeAsync(new ThrowingListener(), [topic], CancellationToken.None);
        using var healthy = new OneNetStudio.Core.Watching.WatchQueue(10);
        await connection.SubscribeAsync(healthy, [topic], CancellationToken.None);
        await Simulator.EmitPropertyReportsAsync(1);
        Assert.True(healthy.TryTake(out _, TimeSpan.FromSeconds(5), CancellationToken.None));
    }

    private sealed class ThrowingListener : IMessageListener
    {
        public ValueTask OnMessageAsync(string topic, System.Buffers.ReadOnlySequence<byte> payload, DateTimeOffset receivedAt) => throw new InvalidOperationException("listener fault");
        public void OnConnectionClosed(string? reason) { }
    }
}
