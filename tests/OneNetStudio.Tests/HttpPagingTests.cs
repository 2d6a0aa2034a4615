using OneNetStudio.Core.Http;

namespace OneNetStudio.Tests;

public class HttpPagingTests
{
    /// <summary>A project of <paramref name="count"/> devices served by offset and limit, as the platform pages.</summary>
    private static Func<RecordedRequest, HttpResponseMessage> Devices(int count, bool withTotal = true, int? serverLimit = null, bool withCount = false) => request =>
    {
        var offset = int.Parse(request["offset"]!);
        var limit = Math.Min(int.Parse(request["limit"]!), serverLimit ?? int.MaxValue);
        var items = Enumerable.Range(offset, Math.Max(0, Math.Min(limit, count - offset)))
            .Select(i => $$"""{"product_id":"pid","device_name":"dev{{i:D3}}","status":2,"created_time":"2020-06-19T06:09:42.300Z"}""");
        var meta = withTotal ? $$""","meta":{"limit":{{limit}},"offset":{{offset}},"total":{{count}}}"""
            : withCount ? $$""","meta":{"limit":{{limit}},"offset":{{offset}},"count":{{Math.Min(limit, Math.Max(0, count - offset))}}}"""
            : serverLimit is null ? "" : $$""","meta":{"limit":{{limit}},"offset":{{offset}}}""";
        return FakeApiHandler.Ok($$"""{"list":[{{string.Join(",", items)}}]{{meta}}}""");
    };

    private static async Task<List<ApiDevice>> All(IAsyncEnumerable<ApiDevice> devices)
    {
        var all = new List<ApiDevice>();
        await foreach (var device in devices)
        {
            all.Add(device);
        }
        return all;
    }

    private static int[] Offsets(HttpTestKit kit) => kit.Handler.Requests.Select(r => int.Parse(r["offset"]!)).ToArray();

    [Fact]
    public async Task EveryPageOf250Devices_ComesOnce_AndTheListStopsAtTotal()
    {
        await using var kit = new HttpTestKit(Devices(250));
        var devices = await All(kit.Api.QueryDeviceListAsync());
        Assert.Equal(250, devices.Count);
        Assert.Equal(250, devices.Select(d => d.DeviceName).Distinct().Count());
        Assert.Equal(Enumerable.Range(0, 250).Select(i => $"dev{i:D3}"), devices.Select(d => d.DeviceName));
        Assert.Equal([0, 100, 200], Offsets(kit));
        Assert.All(kit.Handler.Requests, r => Assert.Equal("100", r["limit"]));
    }

    [Fact]
    public async Task AListWithoutTotal_StopsAtAShortPage()
    {
        await using var kit = new HttpTestKit(Devices(250, withTotal: false));
        Assert.Equal(250, (await All(kit.Api.QueryDeviceListAsync())).Count);
        Assert.Equal([0, 100, 200], Offsets(kit));
    }

    [Fact]
    public async Task AListWithoutTotal_OfWholePages_StopsAtTheEmptyPageAfterThem()
    {
        await using var kit = new HttpTestKit(Devices(200, withTotal: false));
        Assert.Equal(200, (await All(kit.Api.QueryDeviceListAsync())).Count);
        Assert.Equal([0, 100, 200], Offsets(kit));
    }

    [Fact]
    public async Task ACountInMeta_IsNotTakenForATotal()
    {
        await using var kit = new HttpTestKit(Devices(250, withTotal: false, withCount: true));
        Assert.Equal(250, (await All(kit.Api.QueryDeviceListAsync())).Count);
    }

    [Fact]
    public async Task AServerThatServesSmallerPages_DoesNotEndTheListEarly()
    {
        await using var kit = new HttpTestKit(Devices(250, withTotal: false, serverLimit: 50));
        Assert.Equal(250, (await All(kit.Api.QueryDeviceListAsync())).Select(d => d.DeviceName).Distinct().Count());
        Assert.Equal([0, 50, 100, 150, 200, 250], Offsets(kit));
    }

    [Fact]
    public async Task TheFirstPage_ReachesTheCaller_BeforeTheSecondIsAskedFor()
    {
        await using var kit = new HttpTestKit(Devices(250));
        await using var devices = kit.Api.QueryDeviceListAsync().GetAsyncEnumerator();
        Assert.True(await devices.MoveNextAsync());
        Assert.Equal("dev000", devices.Current.DeviceName);
        Assert.Single(kit.Handler.Requests);
        for (var i = 1; i < 100; i++)
        {
            Assert.True(await devices.MoveNextAsync());
        }
        Assert.Single(kit.Handler.Requests);
        Assert.True(await devices.MoveNextAsync());
        Assert.Equal("dev100", devices.Current.DeviceName);
        Assert.Equal(2, kit.Handler.Requests.Count);
    }

    [Fact]
    public async Task Cancelling_EndsTheListBetweenPages()
    {
        await using var kit = new HttpTestKit(Devices(250));
        using var cancel = new CancellationTokenSource();
        var seen = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in kit.Api.QueryDeviceListAsync(cancellationToken: cancel.Token))
            {
                if (++seen == 10)
                {
                    cancel.Cancel();
                }
            }
        });
        Assert.Equal(10, seen);
        Assert.Single(kit.Handler.Requests);
    }

    [Fact]
    public async Task Histories_PageTheSameWay_AndCarryTheirFilters()
    {
        await using var kit = new HttpTestKit(request =>
        {
            var offset = int.Parse(request["offset"]!);
            var rows = Enumerable.Range(offset, Math.Min(100, 130 - offset)).Select(i => $$"""{"value":"{{i}}","time":"{{1_592_797_444_539L + i}}"}""");
            return FakeApiHandler.Ok($$"""{"list":[{{string.Join(",", rows)}}]}""");
        });
        var values = new List<ApiPropertyValue>();
        var start = DateTimeOffset.FromUnixTimeMilliseconds(1_592_797_000_000);
        await foreach (var row in kit.Api.QueryDevicePropertyHistoryAsync("pid", "dev1", "temp", start, start.AddDays(1), dataType: ApiDataType.Of(ThingDataType.Int32)))
        {
            values.Add(row);
        }
        Assert.Equal(Enumerable.Range(0, 130).Cast<object>(), values.Select(v => v.Value));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_592_797_444_539L), values[0].Time);
        Assert.Equal(2, kit.Handler.Requests.Count);
        Assert.All(kit.Handler.Requests, r => Assert.Equal("temp", r["identifier"]));
    }
}
