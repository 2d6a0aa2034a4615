using System.Collections;
using OneNetStudio.Core.Connection;
using OneNetStudio.Core.Requests;
using OneNetStudio.Core.Topics;
using OneNetStudio.Core.Watching;

namespace OneNetStudio.Tests;

/// <summary>The connection against Debian's mosquitto: a broker we did not write, with a device responder beside it.</summary>
public class MosquittoInteropTests
{
    private const string Product = "P1";

    private static Task<OneNetConnection> ConnectAsync(MosquittoBroker broker) => (TestConnection.AnyUser(broker.Host, broker.Port) with
    {
        ReconnectInitialDelay = TimeSpan.FromMilliseconds(200),
        ReconnectMaxDelay = TimeSpan.FromSeconds(1),
        ConnectTimeout = TimeSpan.FromSeconds(3),
    }).ConnectAsync();

    private static OneNetPropertyMessage NextProperty(WatchQueue queue)
    {
        Assert.True(queue.TryTake(out var item, TimeSpan.FromSeconds(5), CancellationToken.None), "no message arrived");
        return Assert.IsType<OneNetPropertyMessage>(item);
    }

    [SkippableFact]
    public async Task ConnectWatchAndSet_AgainstMosquitto()
    {
        await using var broker = await MosquittoBroker.StartOrSkipAsync();
        await using var devices = await DeviceResponder.StartAsync(broker.Host, broker.Port);
        await using var connection = await ConnectAsync(broker);
        using var queue = new WatchQueue(100);
        var result = await connection.SubscribeAsync(queue, [OneNetTopics.Build(Product, "dev1", TopicKind.Property)], CancellationToken.None);
        Assert.Single(result.Granted);

        await devices.ReportAsync(Product, "dev1", 1);
        Assert.Equal(1L, NextProperty(queue).Values.Single(v => v.Name == "seq").Value);

        var id = RequestIds.New();
        Assert.True(TestConnection.SetsOf(connection).TryStart(new SetCommand(SetKind.Property, Product, "dev1", id, SetPayload.Build(id, new Hashtable { ["switch"] = true })),
            TimeSpan.FromSeconds(10), default, out var reply));
        var answer = await reply;
        Assert.Equal(SetStatus.Succeeded, answer.Status);
        Assert.Equal(id, answer.RequestId);
    }

    [SkippableFact]
    public async Task BrokerKilledAndRestartedMidWatch_TheWatchResumes_AndSetsWorkAfterwards()
    {
        await using var broker = await MosquittoBroker.StartOrSkipAsync();
        var devices = await DeviceResponder.StartAsync(broker.Host, broker.Port);
        await using var connection = await ConnectAsync(broker);
        using var queue = new WatchQueue(100);
        await connection.SubscribeAsync(queue, [OneNetTopics.Build(Product, "dev1", TopicKind.Property)], CancellationToken.None);
        await devices.ReportAsync(Product, "dev1", 1);
        NextProperty(queue);

        await broker.KillAsync();
        await devices.DisposeAsync();
        await Wait.UntilAsync(() => connection.State == ConnectionState.Reconnecting);
        await broker.StartAsync();
        await Wait.UntilAsync(() => connection.State == ConnectionState.Connected, TimeSpan.FromSeconds(15));
        Assert.Equal(1, connection.ReconnectCount);
        Assert.False(queue.IsCompleted);

        await using var restartedDevices = await DeviceResponder.StartAsync(broker.Host, broker.Port);
        await restartedDevices.ReportAsync(Product, "dev1", 2);
        Assert.Equal(2L, NextProperty(queue).Values.Single(v => v.Name == "seq").Value);

        var id = RequestIds.New();
        Assert.True(TestConnection.SetsOf(connection).TryStart(new SetCommand(SetKind.Property, Product, "dev1", id, SetPayload.Build(id, new Hashtable { ["switch"] = false })),
            TimeSpan.FromSeconds(10), default, out var reply));
        Assert.Equal(SetStatus.Succeeded, (await reply).Status);
    }
}
