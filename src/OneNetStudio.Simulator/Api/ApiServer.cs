using System.Buffers;
using System.Collections.Specialized;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Web;
using OneNetStudio.Simulator.Security;

namespace OneNetStudio.Simulator.Api;

/// <summary>
/// The platform's HTTP application API (product.md 2.7) on 127.0.0.1, served from the simulator's fleet:
/// <c>/{application|common}?action=&lt;Action&gt;&amp;version=1</c>, the token of 2.2 in the <c>authorization</c>
/// header, the envelope of 2.7. Every call is counted against the per-IP limit first, then routed, authenticated
/// and run. Runs on <see cref="HttpListener"/>, which the framework has: no ASP.NET Core inside pwsh.
/// </summary>
internal sealed class ApiServer : IDisposable
{
    private const long MaxBodyBytes = 4 * 1024 * 1024;

    private readonly SimulatorServer _simulator;
    private readonly HttpListener _listener;
    private readonly ApiRateLimiter _limiter;
    private readonly Dictionary<(string Namespace, string Action), ApiRoute> _routes;
    private readonly Task _acceptLoop;

    private ApiServer(SimulatorServer simulator, HttpListener listener, int port)
    {
        _simulator = simulator;
        _listener = listener;
        Port = port;
        _limiter = new ApiRateLimiter(simulator.Options.ApiCallsPerSecond, simulator.Clock);
        var context = new ApiContext(simulator);
        _routes = new DeviceRecordActions(context).Routes
            .Concat(new PropertyActions(context).Routes)
            .Concat(new DesiredActions(context).Routes)
            .Concat(new EventActions(context).Routes)
            .Concat(new ServiceActions(context).Routes)
            .Concat(new ThingModelActions(context).Routes)
            .ToDictionary(r => (r.Namespace, r.Action));
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public int Port { get; }

    /// <summary>Listens on <paramref name="port"/>, or on a free one when it is 0.</summary>
    public static ApiServer Start(SimulatorServer simulator, int port)
    {
        for (var attempt = 1; ; attempt++)
        {
            var chosen = port == 0 ? FreePort() : port;
            var listener = new HttpListener { IgnoreWriteExceptions = true };
            listener.Prefixes.Add($"http://{IPAddress.Loopback}:{chosen}/");
            try
            {
                listener.Start();
                return new ApiServer(simulator, listener, chosen);
            }
            catch (HttpListenerException ex)
            {
                listener.Close();
                // A free port can be taken between finding it and binding it: try another.
                if (port != 0 || attempt == 5)
                {
                    throw new InvalidOperationException($"The simulator's API cannot listen on 127.0.0.1:{chosen}: {ex.Message}", ex);
                }
            }
        }
    }

    public void Dispose()
    {
        try
        {
            _listener.Close();
        }
        catch (ObjectDisposedException)
        {
        }
        _acceptLoop.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task AcceptLoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // closed
            }
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext http)
    {
        var requestId = Guid.NewGuid().ToString("N");
        var ns = http.Request.Url?.AbsolutePath.Trim('/') is { Length: > 0 } path ? path : "application";
        var counters = _simulator.LiveCounters;
        SimulatorCounters.Increment(ref counters.ApiCalls);
        byte[] body;
        var status = HttpStatusCode.OK;
        try
        {
            var admitted = _limiter.TryAdmit(http.Request.RemoteEndPoint.Address, out var arrivals);
            SimulatorCounters.RaiseTo(ref counters.ApiPeakCallsPerSecond, arrivals);
            if (!admitted)
            {
                SimulatorCounters.Increment(ref counters.ApiCallsRateLimited);
                http.Response.AddHeader("Retry-After", "1");
                throw ApiFailure.RateLimited(_limiter.CallsPerSecond);
            }
            var route = Route(http.Request, ns);
            var principal = Authenticate(http.Request);
            var query = HttpUtility.ParseQueryString(http.Request.Url?.Query ?? string.Empty);
            using var document = route.Method == "POST" ? await ReadBodyAsync(http.Request).ConfigureAwait(false) : null;
            var request = new ApiRequest(requestId, route, principal, query, document?.RootElement);
            var data = await route.Handler(request, _simulator.Lifetime).ConfigureAwait(false);
            body = Envelope(requestId, data);
        }
        catch (ApiFailure failure)
        {
            SimulatorCounters.Increment(ref counters.ApiFailures);
            status = failure.Status;
            body = Envelope(requestId, ns, failure.Suffix, failure.Message);
        }
        catch (OperationCanceledException) when (_simulator.Lifetime.IsCancellationRequested)
        {
            SimulatorCounters.Increment(ref counters.ApiFailures);
            status = HttpStatusCode.ServiceUnavailable;
            body = Envelope(requestId, ns, "serviceUnavailable", "the platform is shutting down");
        }
        catch (Exception ex)
        {
            // A fault in an action comes back as a 500; the listener goes on.
            SimulatorCounters.Increment(ref counters.ApiFailures);
            status = HttpStatusCode.InternalServerError;
            body = Envelope(requestId, ns, "internalServerError", $"internal error: {ex.GetType().Name}: {ex.Message}");
        }
        await RespondAsync(http.Response, status, body).ConfigureAwait(false);
    }

    private ApiRoute Route(HttpListenerRequest request, string ns)
    {
        if (ns is not ("application" or "common"))
        {
            throw ApiFailure.NotFound($"no API at '/{ns}' (the namespaces are application and common)");
        }
        var action = request.QueryString["action"];
        if (string.IsNullOrEmpty(action))
        {
            throw ApiFailure.ParameterRequired("action");
        }
        if (!_routes.TryGetValue((ns, action), out var route))
        {
            throw ApiFailure.NotFound($"the {ns} namespace has no action '{action}'");
        }
        if (!string.Equals(request.HttpMethod, route.Method, StringComparison.OrdinalIgnoreCase))
        {
            throw ApiFailure.MethodNotAllowed(action, request.HttpMethod);
        }
        if (request.QueryString["version"] != "1")
        {
            throw request.QueryString["version"] is null ? ApiFailure.ParameterRequired("version") : ApiFailure.InvalidParameter("version must be 1");
        }
        return route;
    }

    private SimulatorPrincipal Authenticate(HttpListenerRequest request)
    {
        var result = _simulator.Authenticator.AuthenticateToken(request.Headers["authorization"]);
        if (result.Principal is { } principal)
        {
            return principal;
        }
        SimulatorCounters.Increment(ref _simulator.LiveCounters.ApiAuthFailures);
        _simulator.LastApiAuthFailure = result.FailureReason;
        throw ApiFailure.AuthPermissionDeny();
    }

    private static async Task<JsonDocument> ReadBodyAsync(HttpListenerRequest request)
    {
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            long total = 0;
            while ((read = await request.InputStream.ReadAsync(chunk).ConfigureAwait(false)) > 0)
            {
                total += read;
                // Past the limit the rest is read and dropped, so that the client, still sending, gets the 413 and
                // not a broken pipe; a body many times the limit is cut short.
                if (total <= MaxBodyBytes)
                {
                    buffer.Write(chunk, 0, read);
                }
                else if (total > 8 * MaxBodyBytes)
                {
                    break;
                }
            }
            if (total > MaxBodyBytes)
            {
                throw ApiFailure.BodyTooLarge();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.ToArray());
        }
        catch (JsonException)
        {
            throw ApiFailure.InvalidParameter("the request body is not JSON");
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw ApiFailure.InvalidParameter("the request body is not a JSON object");
        }
        return document;
    }

    /// <summary><c>{"requestId","success":true,"data":…}</c>.</summary>
    private static byte[] Envelope(string requestId, Action<Utf8JsonWriter>? data) => Write(writer =>
    {
        writer.WriteString("requestId", requestId);
        writer.WriteBoolean("success", true);
        writer.WritePropertyName("data");
        if (data is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            data(writer);
        }
    });

    /// <summary><c>{"requestId","code":"iot.{namespace}.{suffix}","msg","success":false}</c>.</summary>
    private static byte[] Envelope(string requestId, string ns, string suffix, string message) => Write(writer =>
    {
        writer.WriteString("requestId", requestId);
        writer.WriteString("code", $"iot.{(ns == "common" ? "common" : "application")}.{suffix}");
        writer.WriteString("msg", message);
        writer.WriteBoolean("success", false);
    });

    private static byte[] Write(Action<Utf8JsonWriter> fields)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            fields(writer);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static async Task RespondAsync(HttpListenerResponse response, HttpStatusCode status, byte[] body)
    {
        try
        {
            response.StatusCode = (int)status;
            response.ContentType = "application/json;charset=UTF-8";
            response.ContentLength64 = body.Length;
            await response.OutputStream.WriteAsync(body).ConfigureAwait(false);
            response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The client went away (or the listener closed) before the answer: nothing to tell anybody.
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
