using OneNetStudio.Core.Http;
using OneNetStudio.Core.Things;
using OneNetStudio.Simulator;

namespace OneNetStudio.Tests;

/// <summary>
/// The devices' status as the live view reads it from the simulator's HTTP API (asked one by one, or listed), and the
/// devices the watch warns of, which are those without one.
/// </summary>
public sealed class FleetStatusTests() : SimulatorTest(new SimulatorOptions { DeviceCount = 30, ReportInterval = TimeSpan.FromHours(1), Seed = 5 })
{
    private string Product => Simulator.Fleet.ProductIds.Single();

    private async Task<List<ListedStatus>> ReadAsync(IEnumerable<string> names)
    {
        var read = new List<ListedStatus>();
        await foreach (var listed in FleetStatus.ReadAsync(SimulatorApi(), names.Select(n => (Product, n)).ToList()))
        {
            read.Add(listed);
        }
        return read;
    }

    [Theory]
    [InlineData(3)]
    [InlineData(25)]
    public async Task Gives_each_known_device_its_status_and_leaves_out_unknown_ones(int asked)
    {
        await Simulator.SetDeviceOnlineAsync(Product, "device0002", false);
        var names = Enumerable.Range(1, asked).Select(i => $"device{i:D4}").Append("nosuchdevice").ToList();

        var read = await ReadAsync(names);

        Assert.Equal(asked, read.Count);
        Assert.DoesNotContain(read, r => r.DeviceName == "nosuchdevice");
        Assert.Equal(ApiDeviceStatus.Offline, read.Single(r => r.DeviceName == "device0002").Status);
        Assert.Equal(ApiDeviceStatus.Online, read.Single(r => r.DeviceName == "device0001").Status);
        Assert.NotNull(read.Single(r => r.DeviceName == "device0001").LastOnline);
    }

    [Fact]
    public async Task Asks_device_by_device_when_few_and_lists_the_product_when_many()
    {
        var before = Simulator.Counters.ApiCalls;
        await ReadAsync(Enumerable.Range(1, FleetStatus.AskEachUpTo).Select(i => $"device{i:D4}"));
        var few = Simulator.Counters.ApiCalls - before;

        before = Simulator.Counters.ApiCalls;
        await ReadAsync(Enumerable.Range(1, 25).Select(i => $"device{i:D4}"));
        var many = Simulator.Counters.ApiCalls - before;

        Assert.Equal(FleetStatus.AskEachUpTo, few);
        Assert.Equal(1, many); // 30 devices fit one page of 100
    }

    [Theory]
    [InlineData(3)]
    [InlineData(25)]
    public async Task The_devices_the_platform_does_not_know_are_those_without_a_status(int asked)
    {
        var ofNoProduct = Enumerable.Range(1, asked).Select(i => ("NoSuchProduct", $"device{i:D4}")).ToList();
        var devices = Enumerable.Range(1, asked).Select(i => (Product, $"device{i:D4}"))
            .Append((Product, "nosuchdevice")).Concat(ofNoProduct).ToList();

        var unknown = await DeviceExistence.FindUnknownAsync(SimulatorApi(), devices);

        Assert.Equal(ofNoProduct.Prepend((Product, "nosuchdevice")), unknown);
    }
}
