using System.Collections.Concurrent;
using System.Collections.Specialized;
using System.Net;
using System.Text;
using System.Web;

namespace OneNetStudio.Tests;

/// <summary>A request as the fake platform received it.</summary>
internal sealed record RecordedRequest(HttpMethod Method, Uri Uri, NameValueCollection Query, string? Authorization, string? Body,
    string? ContentType, DateTimeOffset Time)
{
    public string Path => Uri.AbsolutePath;
    public string? this[string name] => Query[name];
}

/// <summary>An in-process stand-in for the platform's HTTP API: records each request and answers as the test says.</summary>
internal sealed class FakeApiHandler(TimeProvider clock, Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>> respond) : HttpMessageHandler
{
    public FakeApiHandler(TimeProvider clock, Func<RecordedRequest, HttpResponseMessage> respond)
        : this(clock, (request, _) => Task.FromResult(respond(request)))
    {
    }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public RecordedRequest Last => Requests.Last();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var authorization = request.Headers.TryGetValues("authorization", out var values) ? values.Single() : null;
        var recorded = new RecordedRequest(request.Method, request.RequestUri!, HttpUtility.ParseQueryString(request.RequestUri!.Query),
            authorization, body, request.Content?.Headers.ContentType?.MediaType, clock.GetUtcNow());
        Requests.Enqueue(recorded);
        return await respond(recorded, cancellationToken);
    }

    public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    /// <summary><c>{"requestId","success":true,"data":…}</c></summary>
    public static HttpResponseMessage Ok(string dataJson = "null", string requestId = "req-1") =>
        Json($$"""{"requestId":"{{requestId}}","success":true,"data":{{dataJson}}}""");

    /// <summary><c>{"requestId","code","msg","success":false}</c></summary>
    public static HttpResponseMessage Fail(string code, string message, HttpStatusCode status = HttpStatusCode.OK, string requestId = "req-9") =>
        Json($$"""{"requestId":"{{requestId}}","code":"{{code}}","msg":"{{message}}","success":false}""", status);

    public static HttpResponseMessage Status(HttpStatusCode status, string body = "", string mediaType = "text/plain") =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
}
