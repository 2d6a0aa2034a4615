using System.Collections;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using OneNetStudio.Core.Connection;
using OneNetStudio.Core.Http;
using OneNetStudio.Core.Security;

namespace OneNetStudio.Tests;

public class HttpClientTests
{
    private static HttpResponseMessage StatusOnline(RecordedRequest _) => FakeApiHandler.Ok("""{"status":2}""");

    private static ParsedToken VerifiedToken(string? header, AccessKey key)
    {
        Assert.True(TokenParser.TryParse(header, out var token, out var error), error);
        var expected = OneNetToken.ComputeSignature(token!.Resource, key, token.ExpiresAtUnixSeconds, token.Method, token.Version);
        Assert.Equal(expected, token.Signature);
        return token;
    }

    // ----- the token -----

    [Fact]
    public async Task EveryCall_CarriesTheSessionsApplicationToken_OnTheAuthorizationHeader()
    {
        await using var kit = new HttpTestKit(StatusOnline);
        Assert.Equal(ApiDeviceStatus.Online, await kit.Api.QueryDeviceStatusAsync("pid", "dev1"));
        var token = VerifiedToken(kit.Handler.Last.Authorization, kit.AccessKey);
        Assert.Equal(TokenVersion.Application, token.Version);
        Assert.Equal("userid/12321", token.Resource);
        Assert.Equal(TokenMethod.Sha256, token.Method);
        Assert.Equal((kit.Clock.GetUtcNow() + TimeSpan.FromHours(12)).ToUnixTimeSeconds(), token.ExpiresAtUnixSeconds);
    }

    [Fact]
    public async Task AGroupSession_SignsItsGroupUsername_AndActsInItsOwnProject()
    {
        await using var kit = new HttpTestKit(StatusOnline, scope: OneNetScope.ForGroup("ocgzVU", "abc123"), projectId: null);
        await kit.Api.QueryDeviceStatusAsync("pid", "dev1");
        Assert.Equal("projectid/ocgzVU/groupid/abc123", VerifiedToken(kit.Handler.Last.Authorization, kit.AccessKey).Resource);
        Assert.Equal("ocgzVU", kit.Handler.Last["project_id"]);
        Assert.Throws<ArgumentException>(() => new OpenApiDialect(kit.Client, "another"));
    }

    [Fact]
    public async Task TheToken_IsReused_AndSignedAfreshBeforeItsEt()
    {
        // One hour: renewed when less than max(10 %, 5 min) = 6 min is left.
        await using var kit = new HttpTestKit(StatusOnline, tokenLifetime: TimeSpan.FromHours(1));
        await kit.Api.QueryDeviceStatusAsync("pid", "dev1");
        var first = kit.Handler.Last.Authorization;
        kit.Clock.Advance(TimeSpan.FromMinutes(53));
        await kit.Api.QueryDeviceStatusAsync("pid", "dev1");
        Assert.Equal(first, kit.Handler.Last.Authorization);
        kit.Clock.Advance(TimeSpan.FromMinutes(2));
        await kit.Api.QueryDeviceStatusAsync("pid", "dev1");
        var renewed = VerifiedToken(kit.Handler.Last.Authorization, kit.AccessKey);
        Assert.NotEqual(first, kit.Handler.Last.Authorization);
        Assert.Equal((kit.Clock.GetUtcNow() + TimeSpan.FromHours(1)).ToUnixTimeSeconds(), renewed.ExpiresAtUnixSeconds);
        Assert.True(renewed.ExpiresAt > kit.Clock.GetUtcNow() + TimeSpan.FromMinutes(55));
        Assert.Equal(renewed.ExpiresAt, kit.Client.TokenExpiresAt);
    }

    // ----- the request -----

    [Fact]
    public async Task Get_PutsEveryParameterInTheQueryString()
    {
        await using var kit = new HttpTestKit(_ => FakeApiHandler.Ok("""{"list":[]}"""));
        var start = DateTimeOffset.FromUnixTimeMilliseconds(1_592_797_000_000);
        await foreach (var _ in kit.Api.QueryDevicePropertyHistoryAsync("pid", "dev 1", "temp", start, start.AddHours(1), descending: true))
        {
        }
        var request = kit.Handler.Last;
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("/application", request.Path);
        Assert.Equal("QueryDevicePropertyHistory", request["action"]);
        Assert.Equal("1", request["version"]);
        Assert.Equal(HttpTestKit.ProjectId, request["project_id"]);
        Assert.Equal("pid", request["product_id"]);
        Assert.Equal("dev 1", request["device_name"]);
        Assert.Equal("temp", request["identifier"]);
        Assert.Equal("1592797000000", request["start_time"]);
        Assert.Equal("1592800600000", request["end_time"]);
        Assert.Equal("2", request["sort"]);
        Assert.Equal("0", request["offset"]);
        Assert.Equal("100", request["limit"]);
        Assert.Null(request.Body);
    }

    [Fact]
    public async Task Post_SendsItsParametersAsAJsonBody()
    {
        await using var kit = new HttpTestKit(_ => FakeApiHandler.Ok("""{"id":"1","code":200,"msg":"ok"}"""));
        var reply = await kit.Api.SetDevicePropertyAsync("pid", "dev1", new Hashtable { ["temperature"] = 30.5 });
        Assert.True(reply.Success);
        var request = kit.Handler.Last;
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/application", request.Path);
        Assert.Equal("SetDeviceProperty", request["action"]);
        Assert.Null(request["project_id"]);
        Assert.Equal("application/json", request.ContentType);
        using var body = JsonDocument.Parse(request.Body!);
        Assert.Equal(HttpTestKit.ProjectId, body.RootElement.GetProperty("project_id").GetString());
        Assert.Equal("pid", body.RootElement.GetProperty("product_id").GetString());
        Assert.Equal("dev1", body.RootElement.GetProperty("device_name").GetString());
        Assert.Equal(30.5, body.RootElement.GetProperty("params").GetProperty("temperature").GetDouble());
    }

    [Fact]
    public async Task DesiredValues_AreClearedByVersion_AsTheBodySaysIt()
    {
        await using var kit = new HttpTestKit(_ => FakeApiHandler.Ok());
        await kit.Api.DeleteDeviceDesiredPropertyAsync("pid", "dev1", new Dictionary<string, long?> { ["switch"] = 1, ["temperature"] = null });
        Assert.Equal("""{"switch":{"version":1},"temperature":{}}""", JsonDocument.Parse(kit.Handler.Last.Body!).RootElement.GetProperty("params").GetRawText());
    }

    [Fact]
    public async Task TheThingModel_IsAskedOfTheCommonNamespace_WithoutAProject()
    {
        await using var kit = new HttpTestKit(_ => FakeApiHandler.Ok("""{"properties":[],"events":[],"services":[]}"""), projectId: null);
        var model = await kit.Api.QueryThingModelAsync("pid");
        Assert.Equal("pid", model.ProductId);
        Assert.Equal("/common", kit.Handler.Last.Path);
        Assert.Equal("QueryThingModel", kit.Handler.Last["action"]);
        Assert.Equal("pid", kit.Handler.Last["product_id"]);
        Assert.Null(kit.Handler.Last["project_id"]);
    }

    [Fact]
    public async Task AUserWithoutAProject_IsToldThatAProjectIdIsNeeded_BeforeAnythingIsSent()
    {
        await using var kit = new HttpTestKit(StatusOnline, projectId: null);
        var error = await Assert.ThrowsAsync<OneNetProjectRequiredException>(() => kit.Api.QueryDeviceStatusAsync("pid", "dev1"));
        Assert.Contains("project id", error.Message);
        Assert.Contains("QueryDeviceStatus", error.Message);
        Assert.DoesNotContain("-ProjectId", error.Message);
        await Assert.ThrowsAsync<OneNetProjectRequiredException>(async () =>
        {
            await foreach (var _ in kit.Api.QueryDeviceListAsync())
            {
            }
        });
        await Assert.ThrowsAsync<OneNetProjectRequiredException>(() => kit.Api.SetDevicePropertyAsync("pid", "dev1", new Hashtable { ["a"] = 1 }));
        Assert.Empty(kit.Handler.Requests);
    }

    // ----- the envelope and errors -----

    [Theory]
    [InlineData("iot.application.deviceNotFound", "deviceNotFound", OneNetApiErrorKind.DeviceNotFound)]
    [InlineData("iot.common.authPermissionDeny", "authPermissionDeny", OneNetApiErrorKind.AccessDenied)]
    [InlineData("iot.application.resourePermissionDeny", "resourePermissionDeny", OneNetApiErrorKind.AccessDenied)]
    [InlineData("iot.application.parameterRequired", "parameterRequired", OneNetApiErrorKind.InvalidParameter)]
    [InlineData("iot.application.parameterMissing", "parameterMissing", OneNetApiErrorKind.InvalidParameter)]
    [InlineData("iot.application.invalidParameter", "invalidParameter", OneNetApiErrorKind.InvalidParameter)]
    [InlineData("iot.application.projectNotFound", "projectNotFound", OneNetApiErrorKind.ProjectNotFound)]
    [InlineData("iot.application.productNotFound", "productNotFound", OneNetApiErrorKind.ProductNotFound)]
    [InlineData("iot.application.setPropertyFailed", "setPropertyFailed", OneNetApiErrorKind.ServiceFailed)]
    [InlineData("iot.application.setDesiredPeropertyFailed", "setDesiredPeropertyFailed", OneNetApiErrorKind.ServiceFailed)]
    [InlineData("iot.application.queryDesiredProperyFailed", "queryDesiredProperyFailed", OneNetApiErrorKind.ServiceFailed)]
    [InlineData("iot.application.deleteDesiredPeropertyFailed", "deleteDesiredPeropertyFailed", OneNetApiErrorKind.ServiceFailed)]
    [InlineData("iot.application.getTmProperties", "getTmProperties", OneNetApiErrorKind.ServiceFailed)]
    [InlineData("iot.application.callTmService", "callTmService", OneNetApiErrorKind.ServiceFailed)]
    [InlineData("iot.application.queryCurrentData", "queryCurrentData", OneNetApiErrorKind.ServiceFailed)]
    [InlineData("iot.application.queryPropertyHistoryData", "queryPropertyHistoryData", OneNetApiErrorKind.ServiceFailed)]
    [InlineData("iot.application.queryEventHistoryData", "queryEventHistoryData", OneNetApiErrorKind.ServiceFailed)]
    [InlineData("deviceNotFound", "deviceNotFound", OneNetApiErrorKind.DeviceNotFound)]
    [InlineData("iot.application.somethingNew", "somethingNew", OneNetApiErrorKind.PlatformError)]
    public async Task APlatformError_CarriesItsCodeSuffix_FullCode_Message_RequestId_Action_AndFamily(string fullCode, string suffix, OneNetApiErrorKind kind)
    {
        await using var kit = new HttpTestKit(_ => FakeApiHandler.Fail(fullCode, "device does not exist", requestId: "8906abc"));
        var error = await Assert.ThrowsAsync<OneNetApiException>(() => kit.Api.QueryDeviceDetailAsync("pid", "dev1"));
        Assert.Equal(kind, error.Kind);
        Assert.Equal("OneNet" + kind, error.ErrorId);
        Assert.Equal(suffix, error.Code);
        Assert.Equal(fullCode, error.FullCode);
        Assert.Equal("device does not exist", error.PlatformMessage);
        Assert.Equal("8906abc", error.RequestId);
        Assert.Equal("QueryDeviceDetail", error.Action);
        Assert.Equal(200, error.HttpStatus);
        Assert.Contains("device does not exist", error.Message);
        Assert.Contains(fullCode, error.Message);
        Assert.Contains("8906abc", error.Message);
    }

    [Fact]
    public async Task ABusinessError_IsNeverRetried()
    {
        await using var kit = new HttpTestKit(_ => FakeApiHandler.Fail("iot.application.setPropertyFailed", "device not online"));
        await Assert.ThrowsAsync<OneNetApiException>(() => kit.Api.SetDevicePropertyAsync("pid", "dev1", new Hashtable { ["a"] = 1 }));
        Assert.Single(kit.Handler.Requests);
        Assert.Equal(0, kit.Client.Retries);
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound, OneNetApiErrorKind.HttpError)]
    [InlineData(HttpStatusCode.Unauthorized, OneNetApiErrorKind.AccessDenied)]
    [InlineData(HttpStatusCode.Forbidden, OneNetApiErrorKind.AccessDenied)]
    [InlineData(HttpStatusCode.BadRequest, OneNetApiErrorKind.HttpError)]
    public async Task ANon2xxStatus_IsAnError_AndNotRetriedUnlessTransient(HttpStatusCode status, OneNetApiErrorKind kind)
    {
        await using var kit = new HttpTestKit(_ => FakeApiHandler.Status(status, "<html>nope</html>", "text/html"));
        var error = await Assert.ThrowsAsync<OneNetApiException>(() => kit.Api.QueryDeviceStatusAsync("pid", "dev1"));
        Assert.Equal(kind, error.Kind);
        Assert.Equal((int)status, error.HttpStatus);
        Assert.Contains($"HTTP {(int)status}", error.Message);
        Assert.Single(kit.Handler.Requests);
    }

    [Fact]
    public async Task ANon2xxStatusWithThePlatformsEnvelope_IsClassifiedByItsCode()
    {
        await using var kit = new HttpTestKit(_ => FakeApiHandler.Fail("iot.application.invalidParameter", "limit out of range", HttpStatusCode.BadRequest));
        var error = await Assert.ThrowsAsync<OneNetApiException>(() => kit.Api.QueryDeviceStatusAsync("pid", "dev1"));
        Assert.Equal(OneNetApiErrorKind.InvalidParameter, error.Kind);
        Assert.Equal(400, error.HttpStatus);
        Assert.Equal("invalidParameter", error.Code);
    }

    [Theory]
    [InlineData("<html>gateway</html>")]
    [InlineData("""{"hello":"world"}""")]
    [InlineData("")]
    public async Task AnAnswerThatIsNotTheEnvelope_IsAnInvalidResponse(string body)
    {
        await using var kit = new HttpTestKit(_ => FakeApiHandler.Status(HttpStatusCode.OK, body));
        var error = await Assert.ThrowsAsync<OneNetApiException>(() => kit.Api.QueryDeviceStatusAsync("pid", "dev1"));
        Assert.Equal(OneNetApiErrorKind.InvalidResponse, error.Kind);
        Assert.Single(kit.Handler.Requests);
    }

    // ----- retries -----

    public static TheoryData<string> TransientFaults => ["429", "500", "502", "503", "504", "connection", "timeout"];

    private static Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>> FailingFirst(int failures, string fault, Func<HttpResponseMessage> success)
    {
        var count = 0;
        return async (_, cancellationToken) =>
        {
            if (Interlocked.Increment(ref count) > failures)
            {
                return success();
            }
            switch (fault)
            {
                case "connection":
                    throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (openapi.heclouds.com:443)");
                case "timeout":
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                    throw new InvalidOperationException("unreachable");
                default:
                    return FakeApiHandler.Status((HttpStatusCode)int.Parse(fault), "busy");
            }
        };
    }

    [Theory]
    [MemberData(nameof(TransientFaults))]
    public async Task TransientFaults_AreRetried_WithGrowingJitteredBackoff(string fault)
    {
        await using var kit = new HttpTestKit(FailingFirst(2, fault, () => FakeApiHandler.Ok("""{"status":3}""")), timeout: TimeSpan.FromMilliseconds(500));
        Assert.Equal(ApiDeviceStatus.Offline, await kit.Pump(kit.Api.QueryDeviceStatusAsync("pid", "dev1"), TimeSpan.FromMilliseconds(5)));
        var times = kit.Handler.Requests.Select(r => r.Time).ToArray();
        Assert.Equal(3, times.Length);
        Assert.Equal(2, kit.Client.Retries);
        var attempt = fault == "timeout" ? TimeSpan.FromMilliseconds(500) : TimeSpan.Zero;
        var first = times[1] - times[0] - attempt;
        var second = times[2] - times[1] - attempt;
        // 250 ms then 500 ms nominal, each drawn from [half, all] of it. The fake clock moves in 5 ms steps while the
        // call runs, so a busy machine may see a step or more pass before a wait begins: hence the slack above.
        Assert.InRange(first.TotalMilliseconds, 120, 300);
        Assert.InRange(second.TotalMilliseconds, 245, 560);
    }

    [Fact]
    public async Task TransientFaults_AreGivenUpAfterTheRetryCount()
    {
        await using var kit = new HttpTestKit(_ => FakeApiHandler.Status(HttpStatusCode.ServiceUnavailable, "busy"), retryCount: 3);
        var error = await Assert.ThrowsAsync<OneNetApiException>(() => kit.Pump(kit.Api.QueryDeviceStatusAsync("pid", "dev1")));
        Assert.Equal(OneNetApiErrorKind.ServerError, error.Kind);
        Assert.Equal(503, error.HttpStatus);
        Assert.Contains("still after 3 retries", error.Message);
        Assert.Equal(4, kit.Handler.Requests.Count);
    }

    [Fact]
    public async Task ConnectionFailures_AreGivenUpAsUnreachable()
    {
        await using var kit = new HttpTestKit(FailingFirst(int.MaxValue, "connection", () => FakeApiHandler.Ok()), retryCount: 2);
        var error = await Assert.ThrowsAsync<OneNetApiException>(() => kit.Pump(kit.Api.QueryDeviceStatusAsync("pid", "dev1")));
        Assert.Equal(OneNetApiErrorKind.Unreachable, error.Kind);
        Assert.Null(error.HttpStatus);
        Assert.Contains("Connection refused", error.Message);
        Assert.Equal(3, kit.Handler.Requests.Count);
    }

    [Fact]
    public async Task Timeouts_AreGivenUpAsTimedOut()
    {
        await using var kit = new HttpTestKit(FailingFirst(int.MaxValue, "timeout", () => FakeApiHandler.Ok()), retryCount: 1, timeout: TimeSpan.FromSeconds(2));
        var error = await Assert.ThrowsAsync<OneNetApiException>(() => kit.Pump(kit.Api.QueryDeviceStatusAsync("pid", "dev1")));
        Assert.Equal(OneNetApiErrorKind.TimedOut, error.Kind);
        Assert.Contains("within 2 s", error.Message);
        Assert.Equal(2, kit.Handler.Requests.Count);
    }

    [Fact]
    public async Task RetryAfter_IsHonoured()
    {
        var count = 0;
        await using var kit = new HttpTestKit(_ =>
        {
            if (count++ > 0)
            {
                return FakeApiHandler.Ok("""{"status":2}""");
            }
            var busy = FakeApiHandler.Status(HttpStatusCode.TooManyRequests, "slow down");
            busy.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(2));
            return busy;
        });
        await kit.Pump(kit.Api.QueryDeviceStatusAsync("pid", "dev1"));
        var times = kit.Handler.Requests.Select(r => r.Time).ToArray();
        Assert.True(times[1] - times[0] >= TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task ConcurrentCalls_ShareTheSessionsOneLimiter()
    {
        await using var kit = new HttpTestKit(StatusOnline, rateLimit: 10);
        var started = kit.Clock.GetUtcNow();
        var calls = Enumerable.Range(0, 35).Select(i => kit.Api.QueryDeviceStatusAsync("pid", $"dev{i}")).ToArray();
        await kit.Pump(Task.WhenAll(calls), TimeSpan.FromMilliseconds(20));
        Assert.Equal(35, kit.Handler.Requests.Count);
        Assert.Equal(35, kit.Client.RateLimiter.Granted);
        Assert.Equal(25, kit.Client.RateLimiter.Delayed);
        // 10 at once, then 10 more each second: the last ones go out at 3 s.
        Assert.True(kit.Handler.Requests.Max(r => r.Time) - started >= TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Retries_GoThroughTheRateLimiterToo()
    {
        await using var kit = new HttpTestKit(_ => FakeApiHandler.Status(HttpStatusCode.InternalServerError), retryCount: 3);
        await Assert.ThrowsAsync<OneNetApiException>(() => kit.Pump(kit.Api.QueryDeviceStatusAsync("pid", "dev1")));
        Assert.Equal(4, kit.Client.RequestsSent);
        Assert.Equal(4, kit.Client.RateLimiter.Granted);
    }

    [Theory]
    [InlineData("500", 1)]
    [InlineData("504", 1)]
    [InlineData("timeout", 1)]
    [InlineData("429", 3)]
    [InlineData("503", 3)]
    [InlineData("connection", 3)]
    public async Task AServiceCall_IsRetriedOnlyWhenItSurelyDidNotReachThePlatform(string fault, int attempts)
    {
        await using var kit = new HttpTestKit(FailingFirst(2, fault, () => FakeApiHandler.Ok("""{"r":"1"}""")), timeout: TimeSpan.FromSeconds(1));
        var call = kit.Api.CallServiceAsync("pid", "dev1", "reboot", new Hashtable());
        if (attempts == 1)
        {
            var error = await Assert.ThrowsAsync<OneNetApiException>(() => kit.Pump(call));
            Assert.Contains("may have carried it out", error.Message);
        }
        else
        {
            Assert.True((await kit.Pump(call)).HasOutput);
        }
        Assert.Equal(attempts, kit.Handler.Requests.Count);
    }

    // ----- cancellation and closing -----

    [Fact]
    public async Task Cancelling_StopsACallInFlight()
    {
        var seen = new TaskCompletionSource();
        var observed = new TaskCompletionSource();
        await using var kit = new HttpTestKit(async (_, cancellationToken) =>
        {
            seen.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            finally
            {
                observed.TrySetResult();
            }
            return FakeApiHandler.Ok();
        });
        using var cancel = new CancellationTokenSource();
        var call = kit.Api.QueryDeviceStatusAsync("pid", "dev1", cancel.Token);
        await seen.Task.WaitAsync(TimeSpan.FromSeconds(10));
        cancel.Cancel();
        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(cancel.Token, error.CancellationToken);
        await observed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Single(kit.Handler.Requests);
    }

    [Fact]
    public async Task Cancelling_StopsACallWaitingForItsRetry()
    {
        await using var kit = new HttpTestKit(_ => FakeApiHandler.Status(HttpStatusCode.ServiceUnavailable));
        using var cancel = new CancellationTokenSource();
        var call = kit.Api.QueryDeviceStatusAsync("pid", "dev1", cancel.Token);
        await kit.PumpUntil(() => kit.Handler.Requests.Count == 1, TimeSpan.Zero);
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Single(kit.Handler.Requests);
    }

    [Fact]
    public async Task Disposing_CancelsTheCallsInFlight_AndWaitsForThem()
    {
        var started = 0;
        var ended = 0;
        var kit = new HttpTestKit(async (_, cancellationToken) =>
        {
            Interlocked.Increment(ref started);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return FakeApiHandler.Ok();
            }
            finally
            {
                await Task.Delay(20, CancellationToken.None);
                Interlocked.Increment(ref ended);
            }
        });
        var calls = Enumerable.Range(0, 5).Select(i => kit.Api.QueryDeviceStatusAsync("pid", $"dev{i}")).ToArray();
        await kit.PumpUntil(() => Volatile.Read(ref started) == 5, TimeSpan.Zero);
        await kit.Client.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(5, Volatile.Read(ref ended));
        foreach (var call in calls)
        {
            await Assert.ThrowsAsync<OneNetSessionClosedException>(() => call);
        }
        await Assert.ThrowsAsync<OneNetSessionClosedException>(() => kit.Api.QueryDeviceStatusAsync("pid", "dev1"));
        await kit.DisposeAsync();
    }

    // ----- secrets -----

    [Fact]
    public async Task NoFailure_PutsTheKeyOrTheTokenIntoItsText()
    {
        var failures = new List<Exception>();
        var faults = new Func<RecordedRequest, HttpResponseMessage>[]
        {
            // A platform that echoes the token back in its message.
            r => FakeApiHandler.Fail("iot.application.authPermissionDeny", $"bad token {r.Authorization} sign={Uri.UnescapeDataString(r.Authorization![(r.Authorization!.IndexOf("sign=") + 5)..])}"),
            _ => FakeApiHandler.Status(HttpStatusCode.BadGateway),
            _ => FakeApiHandler.Status(HttpStatusCode.OK, "<html/>"),
            _ => throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused"),
        };
        var tokens = new List<string>();
        foreach (var fault in faults)
        {
            await using var kit = new HttpTestKit(fault, retryCount: 1);
            failures.Add(await Assert.ThrowsAnyAsync<Exception>(() => kit.Pump(kit.Api.QueryDeviceDetailAsync("pid", "dev1"))));
            tokens.AddRange(kit.Handler.Requests.Select(r => r.Authorization!));
        }
        await using (var projectless = new HttpTestKit(StatusOnline, projectId: null))
        {
            failures.Add(await Assert.ThrowsAnyAsync<Exception>(() => projectless.Api.QueryDeviceStatusAsync("pid", "dev1")));
        }
        Assert.Contains(failures, f => f.Message.Contains("bad token (token)"));
        foreach (var text in failures.Select(f => f.ToString() + (f as OneNetApiException)?.PlatformMessage))
        {
            Assert.DoesNotContain(HttpTestKit.Key, text);
            foreach (var token in tokens.Distinct())
            {
                var sign = token[(token.IndexOf("sign=") + 5)..];
                Assert.DoesNotContain(token, text);
                Assert.DoesNotContain(sign, text);
                Assert.DoesNotContain(Uri.UnescapeDataString(sign), text);
            }
        }
    }

    // ----- the real handler -----

    [Fact]
    public async Task ByDefault_ItSpeaksHttpOverSockets()
    {
        using var server = new LoopbackApiServer(context =>
        {
            Assert.StartsWith("version=2020-05-29&res=userid%2F12321&", context.Request.Headers["authorization"]);
            return ("""{"requestId":"r","success":true,"data":{"status":"2"}}""", 200);
        });
        using var key = AccessKey.FromBase64(HttpTestKit.Key);
        await using var client = new OneNetHttpClient(new OneNetHttpOptions { Scope = OneNetScope.ForUser("12321"), AccessKey = key, Endpoint = server.Endpoint });
        Assert.Equal(ApiDeviceStatus.Online, await new OpenApiDialect(client, "p").QueryDeviceStatusAsync("pid", "dev1"));
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task ByDefault_ARefusedConnectionIsRetried_ThenReportedUnreachable()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var key = AccessKey.FromBase64(HttpTestKit.Key);
        await using var client = new OneNetHttpClient(new OneNetHttpOptions
        {
            Scope = OneNetScope.ForUser("12321"),
            AccessKey = key,
            Endpoint = new Uri($"http://127.0.0.1:{port}"),
            RetryCount = 2,
            RetryInitialDelay = TimeSpan.FromMilliseconds(1),
            RetryMaxDelay = TimeSpan.FromMilliseconds(2),
        });
        var error = await Assert.ThrowsAsync<OneNetApiException>(() => new OpenApiDialect(client, "p").QueryDeviceStatusAsync("pid", "dev1"));
        Assert.Equal(OneNetApiErrorKind.Unreachable, error.Kind);
        Assert.Contains($"127.0.0.1:{port}", error.Message);
        Assert.Equal(3, client.RequestsSent);
    }

    [Theory]
    [InlineData("ftp://openapi.heclouds.com")]
    [InlineData("https://openapi.heclouds.com/?a=1")]
    public void AnEndpointThatIsNotHttp_IsRefused(string endpoint)
    {
        using var key = AccessKey.FromBase64(HttpTestKit.Key);
        Assert.Throws<ArgumentException>(() => new OneNetHttpClient(new OneNetHttpOptions { Scope = OneNetScope.ForUser("1"), AccessKey = key, Endpoint = new Uri(endpoint) }));
    }
}
