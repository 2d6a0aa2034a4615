using Microsoft.Extensions.Time.Testing;
using OneNetStudio.Core.Connection;
using OneNetStudio.Core.Http;
using OneNetStudio.Core.Security;

namespace OneNetStudio.Tests;

/// <summary>A fake clock, a fake platform and a client on them, for the HTTP channel's tests.</summary>
internal sealed class HttpTestKit : IAsyncDisposable
{
    public const string Key = "KuF3NT/jUBJ62LNBB/A8XZA9CqS3Cu79B/ABmfA1UCw=";
    public const string ProjectId = "ocgzVU";

    public HttpTestKit(Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>> respond, OneNetScope? scope = null,
        int retryCount = 3, int rateLimit = OneNetHttpOptions.DefaultCallsPerSecond, TimeSpan? timeout = null, TimeSpan? tokenLifetime = null,
        string? projectId = ProjectId, TokenMethod method = TokenMethod.Sha256)
    {
        Clock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero));
        AccessKey = AccessKey.FromBase64(Key);
        Handler = new FakeApiHandler(Clock, respond);
        Client = new OneNetHttpClient(new OneNetHttpOptions
        {
            Scope = scope ?? OneNetScope.ForUser("12321"),
            AccessKey = AccessKey,
            Clock = Clock,
            Handler = Handler,
            RetryCount = retryCount,
            RateLimit = rateLimit,
            Timeout = timeout ?? TimeSpan.FromSeconds(15),
            TokenLifetime = tokenLifetime ?? TimeSpan.FromHours(12),
            Method = method,
            Random = new Random(7),
        });
        Api = new OpenApiDialect(Client, projectId);
    }

    public HttpTestKit(Func<RecordedRequest, HttpResponseMessage> respond, OneNetScope? scope = null, int retryCount = 3,
        int rateLimit = OneNetHttpOptions.DefaultCallsPerSecond, TimeSpan? timeout = null, TimeSpan? tokenLifetime = null, string? projectId = ProjectId)
        : this((request, _) => Task.FromResult(respond(request)), scope, retryCount, rateLimit, timeout, tokenLifetime, projectId)
    {
    }

    public FakeTimeProvider Clock { get; }
    public AccessKey AccessKey { get; }
    public FakeApiHandler Handler { get; }
    public OneNetHttpClient Client { get; }
    public OpenApiDialect Api { get; }

    /// <summary>Lets fake time pass in small steps until the task ends, so backoffs and timeouts elapse at once.</summary>
    public async Task<T> Pump<T>(Task<T> task, TimeSpan? step = null)
    {
        await PumpUntil(() => task.IsCompleted, step);
        return await task;
    }

    public async Task Pump(Task task, TimeSpan? step = null)
    {
        await PumpUntil(() => task.IsCompleted, step);
        await task;
    }

    public async Task PumpUntil(Func<bool> done, TimeSpan? step = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!done())
        {
            Assert.True(DateTime.UtcNow < deadline, "the operation did not end");
            Clock.Advance(step ?? TimeSpan.FromMilliseconds(50));
            await Task.Delay(1);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        AccessKey.Dispose();
    }
}
