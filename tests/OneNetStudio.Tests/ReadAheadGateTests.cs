using System.Buffers;
using OneNetStudio.Core.Connection;
using OneNetStudio.Simulator;

namespace OneNetStudio.Tests;

public class ReadAheadGateTests
{
    [Fact]
    public async Task ReadsPauseAtTheLimit_AndResumeOnceHalfTheBacklogIsDispatched()
    {
        var gate = new ReadAheadGate(limit: 4);
        for (var i = 0; i < 4; i++)
        {
            Assert.True(gate.WaitForRoomAsync(CancellationToken.None).IsCompletedSuccessfully);
            gate.Read();
        }
        var next = gate.WaitForRoomAsync(CancellationToken.None).AsTask();
        Assert.False(next.IsCompleted);
        gate.Dispatched();
        Assert.False(next.IsCompleted); // 3 still waiting: not yet half
        gate.Dispatched();
        await next.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(2, gate.Pending);
    }

    [Fact]
    public async Task ANewLink_OwesNothing_AndALateDispatchFromTheOldOneDoesNotGoNegative()
    {
        var gate = new ReadAheadGate(limit: 2);
        gate.Read();
        gate.Read();
        var next = gate.WaitForRoomAsync(CancellationToken.None).AsTask();
        gate.Reset(); // MQTTnet dropped the old link's queue
        await next.WaitAsync(TimeSpan.FromSeconds(5));
        gate.Dispatched();
        Assert.Equal(0, gate.Pending);
        gate.Read();
        gate.Read();
        Assert.False(gate.WaitForRoomAsync(CancellationToken.None).IsCompleted);
    }

    [Fact]
    public async Task AnUnansweredPing_LetsReadsThroughUntilItsAnswer()
    {
        var gate = new ReadAheadGate(limit: 1);
        gate.Read();
        var next = gate.WaitForRoomAsync(CancellationToken.None).AsTask();
        gate.PingSent(); // its answer is behind the messages in the socket
        await next.WaitAsync(TimeSpan.FromSeconds(5));
        gate.Read();
        Assert.True(gate.WaitForRoomAsync(CancellationToken.None).IsCompletedSuccessfully);
        gate.PingAnswered();
        Assert.False(gate.WaitForRoomAsync(CancellationToken.None).IsCompleted);
    }

    [Fact]
    public async Task AWaitingRead_EndsWithTheLink()
    {
        var gate = new ReadAheadGate(limit: 1);
        gate.Read();
        using var link = new CancellationTokenSource();
        var next = gate.WaitForRoomAsync(link.Token).AsTask();
        link.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next);
    }

    private sealed class HeldListener : IMessageListener
    {
        public readonly TaskCompletionSource Release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Received;
        public async ValueTask OnMessageAsync(string topic, ReadOnlySequence<byte> payload, DateTimeOffset receivedAt)
        {
            Interlocked.Increment(ref Received);
            await Release.Task;
        }
        public void OnConnectionClosed(string? reason) { }
        public IAsyncDisposable ReleasedAtEnd() => new Releaser(Release);
    }

    private sealed class Releaser(TaskCompletionSource release) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            release.TrySetResult();
            return default;
        }
    }

    [Fact]
    public async Task AListenerHoldingBackTheConnection_StopsItReadingBeyondTheLimit_AndLosesNothing()
    {
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions { DeviceCount = 1, ReportInterval = TimeSpan.FromHours(1) });
        await using var connection = await (TestConnection.UserOf(simulator) with { ReadAheadLimit = 10 }).ConnectAsync();
        var listener = new HeldListener();
        var device = simulator.Fleet.Devices[0];
        await connection.SubscribeAsync(listener, [device.PropertyTopic], CancellationToken.None);
        // Released however the test ends: a listener still holding the connection back would hang its disposal.
        await using var release = listener.ReleasedAtEnd();
        await simulator.EmitPropertyReportsAsync(100, device.ProductId, device.Name);
        await Wait.UntilAsync(() => connection.ReadAheadPending >= 5); // the first is with the listener, the next read behind it
        await Task.Delay(300);
        // At most ten read behind it (sometimes the broker has sent only nine by then); the other 89 or more stay with the broker.
        Assert.InRange(connection.ReadAheadPending, 5, 10);
        Assert.Equal(1, listener.Received);
        listener.Release.SetResult();
        await Wait.UntilAsync(() => Volatile.Read(ref listener.Received) == 100);
        Assert.Equal(0, connection.ReadAheadPending);
    }

    [Fact]
    public async Task AHeldBackConnection_StillHearsThePingsAnswer_AndKeepsItsLink()
    {
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions { DeviceCount = 1, ReportInterval = TimeSpan.FromHours(1) });
        await using var connection = await (TestConnection.UserOf(simulator) with { ReadAheadLimit = 10, KeepAlive = TimeSpan.FromSeconds(1) }).ConnectAsync();
        var listener = new HeldListener();
        var device = simulator.Fleet.Devices[0];
        await connection.SubscribeAsync(listener, [device.PropertyTopic], CancellationToken.None);
        await using var release = listener.ReleasedAtEnd();
        await simulator.EmitPropertyReportsAsync(100, device.ProductId, device.Name);
        await Wait.UntilAsync(() => connection.ReadAheadPending >= 10);
        await Task.Delay(TimeSpan.FromSeconds(4)); // nothing is sent or dispatched meanwhile: the keepalive pings, and its answer is behind the messages
        Assert.Equal(ConnectionState.Connected, connection.State);
        Assert.Equal(0, connection.ReconnectCount);
        listener.Release.SetResult();
        await Wait.UntilAsync(() => Volatile.Read(ref listener.Received) == 100);
    }
}
