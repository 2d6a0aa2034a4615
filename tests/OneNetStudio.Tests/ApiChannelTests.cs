using System.Net;
using Microsoft.Extensions.Time.Testing;
using OneNetStudio.Core.Connection;
using OneNetStudio.Core.Http;
using OneNetStudio.Core.Security;
using Xunit;

namespace OneNetStudio.Tests;

/// <summary>The session's HTTP channel: one client behind the dialect, and thing models read once per product.</summary>
public sealed class ApiChannelTests
{
    private const string Model = """{"properties":[{"identifier":"temp","name":"Temperature","accessMode":"r","dataType":{"type":"float","specs":{"min":"0","max":"100"}}}],"events":[],"services":[]}""";

    private static (OneNetApiChannel Channel, FakeApiHandler Handler) Channel(Func<RecordedRequest, HttpResponseMessage> respond, string? projectId = "proj")
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero));
        var handler = new FakeApiHandler(clock, respond);
        var channel = new OneNetApiChannel(new OneNetHttpOptions
        {
            Scope = OneNetScope.ForUser("12321"),
            AccessKey = AccessKey.FromBase64(HttpTestKit.Key),
            Clock = clock,
            Handler = handler,
            RetryCount = 0,
        }, projectId);
        return (channel, handler);
    }

    [Fact]
    public async Task Reads_a_products_thing_model_once_however_many_ask_at_once()
    {
        var (channel, handler) = Channel(_ => FakeApiHandler.Ok(Model));
        await using var _ = channel;
        var models = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => channel.GetThingModelAsync("pid")));
        Assert.Single(handler.Requests);
        Assert.All(models, m => Assert.Same(models[0], m));
        Assert.Same(models[0], channel.CachedThingModel("pid"));
        Assert.Null(channel.CachedThingModel("other"));
    }

    [Fact]
    public async Task Does_not_keep_a_failed_read_so_the_next_use_asks_again()
    {
        var calls = 0;
        var (channel, handler) = Channel(_ => ++calls == 1 ? FakeApiHandler.Fail("iot.common.productNotFound", "no product") : FakeApiHandler.Ok(Model));
        await using var _ = channel;
        var failure = await Assert.ThrowsAsync<OneNetApiException>(() => channel.GetThingModelAsync("pid"));
        Assert.Equal(OneNetApiErrorKind.ProductNotFound, failure.Kind);
        Assert.Null(channel.CachedThingModel("pid"));
        var model = await channel.GetThingModelAsync("pid");
        Assert.Equal("temp", Assert.Single(model.Properties).Identifier);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task A_cancelled_caller_leaves_the_read_to_the_others()
    {
        var release = new TaskCompletionSource();
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero));
        var handler = new FakeApiHandler(clock, async (_, token) =>
        {
            await release.Task.WaitAsync(token);
            return FakeApiHandler.Ok(Model);
        });
        await using var channel = new OneNetApiChannel(new OneNetHttpOptions
        {
            Scope = OneNetScope.ForUser("12321"),
            AccessKey = AccessKey.FromBase64(HttpTestKit.Key),
            Clock = clock,
            Handler = handler,
        }, "proj");
        using var impatient = new CancellationTokenSource();
        var cancelled = channel.GetThingModelAsync("pid", impatient.Token);
        var patient = channel.GetThingModelAsync("pid");
        impatient.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        release.SetResult();
        Assert.Equal("pid", (await patient).ProductId);
    }

    [Fact]
    public async Task A_group_acts_in_its_own_project_and_a_user_in_the_one_it_names()
    {
        var (user, _) = Channel(_ => FakeApiHandler.Ok("null"), projectId: " proj ");
        await using (user)
        {
            Assert.Equal("proj", user.ProjectId);
        }
        static OneNetHttpOptions Group() => new()
        {
            Scope = OneNetScope.ForGroup("p1", "g1"),
            AccessKey = AccessKey.FromBase64(HttpTestKit.Key),
            Handler = new FakeApiHandler(TimeProvider.System, _ => FakeApiHandler.Ok("null")),
        };
        await using (var group = new OneNetApiChannel(Group()))
        {
            Assert.Equal("p1", group.ProjectId);
        }
        var conflict = Assert.Throws<ArgumentException>(() => new OneNetApiChannel(Group(), "p2"));
        Assert.Equal("projectId", conflict.ParamName);
    }

    [Fact]
    public async Task Disposing_it_closes_the_client_so_later_calls_say_the_session_is_closed()
    {
        var (channel, _) = Channel(_ => FakeApiHandler.Ok(Model));
        await channel.DisposeAsync();
        await Assert.ThrowsAsync<OneNetSessionClosedException>(() => channel.GetThingModelAsync("pid"));
    }
}
