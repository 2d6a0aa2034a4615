using MQTTnet;
using OneNetStudio.Core.Topics;
using OneNetStudio.Simulator;

namespace OneNetStudio.Tests;

public class SimulatorAclTests() : SimulatorTest(new SimulatorOptions { DeviceCount = 4, Seed = 2, ReportInterval = TimeSpan.FromHours(1) })
{
    private string Product => Simulator.Fleet.ProductIds.Single();

    [Theory]
    [InlineData(TopicKind.Lifecycle)]
    [InlineData(TopicKind.Property)]
    [InlineData(TopicKind.Event)]
    [InlineData(TopicKind.SetReply)]
    public async Task User_MaySubscribeToTheFourDeviceTopics(TopicKind kind)
    {
        await using var client = await RawClient.ConnectUserAsync(Simulator);
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await client.SubscribeAsync(OneNetTopics.Build(Product, "device0001", kind)));
    }

    [Theory]
    [InlineData("$sys/{p}/+/thing/property")]
    [InlineData("$sys/{p}/#")]
    [InlineData("#")]
    [InlineData("$sys/{p}/device0001/thing/property/set")]
    [InlineData("$sys/{p}/device0001/thing/property/desired/set")]
    [InlineData("$sys/OtherProduct/device0001/thing/property")]
    [InlineData("some/other/topic")]
    public async Task User_IsRefusedWildcardsPublishTopicsAndForeignProducts(string filter)
    {
        await using var client = await RawClient.ConnectUserAsync(Simulator);
        var code = await client.SubscribeAsync(filter.Replace("{p}", Product));
        Assert.NotEqual(MqttClientSubscribeResultCode.GrantedQoS0, code);
        Assert.NotEqual(MqttClientSubscribeResultCode.GrantedQoS1, code);
        Assert.Equal(1, Simulator.Counters.SubscriptionsRefused);
    }

    [Fact]
    public async Task Group_SeesOnlyItsOwnDevices()
    {
        await using var client = await RawClient.ConnectGroupAsync(Simulator);
        var inGroup = Simulator.Fleet.Devices.First(d => d.InGroup);
        var outside = Simulator.Fleet.Devices.First(d => !d.InGroup);
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await client.SubscribeAsync(inGroup.PropertyTopic));
        // MQTT 3.1.1 has one failure code (0x80), which MQTTnet reports as UnspecifiedError.
        Assert.Equal(MqttClientSubscribeResultCode.UnspecifiedError, await client.SubscribeAsync(outside.PropertyTopic));
    }

    [Fact]
    public async Task Group_CannotSetADeviceOutsideTheGroup()
    {
        await using var client = await RawClient.ConnectGroupAsync(Simulator);
        var outside = Simulator.Fleet.Devices.First(d => !d.InGroup);
        await client.PublishAsync(OneNetTopics.Build(outside.ProductId, outside.Name, TopicKind.PropertySet), """{"requestId":"r1","data":{"params":{"switch":true}}}""");
        await Wait.UntilAsync(() => Simulator.Counters.PublishesRefused == 1);
        Assert.Equal(0, Simulator.Counters.SetsReceived);
    }

    [Fact]
    public async Task PublishToAnythingButASetTopic_IsDroppedAndCounted()
    {
        await using var client = await RawClient.ConnectUserAsync(Simulator);
        await using var listener = await RawClient.ConnectUserAsync(Simulator);
        var propertyTopic = OneNetTopics.Build(Product, "device0001", TopicKind.Property);
        await listener.SubscribeAsync(propertyTopic);
        await client.PublishAsync(propertyTopic, """{"fake":true}""");
        await Wait.UntilAsync(() => Simulator.Counters.PublishesRefused == 1);
        Assert.True(await listener.NothingOnAsync(propertyTopic, 300));
    }
}
