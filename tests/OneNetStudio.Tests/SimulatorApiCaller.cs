using System.Net;
using System.Text;
using System.Text.Json;
using OneNetStudio.Core.Security;
using OneNetStudio.Simulator;

namespace OneNetStudio.Tests;

/// <summary>
/// Calls the simulator's HTTP API as any client of the platform would: a plain HttpClient, the token made with Core's
/// <see cref="OneNetToken"/>, GET parameters in the query string and POST parameters in a JSON body.
/// </summary>
internal sealed class SimulatorApiCaller : IDisposable
{
    private readonly HttpClient _http;

    private SimulatorApiCaller(SimulatorServer simulator, string token)
    {
        Simulator = simulator;
        Token = token;
        _http = new HttpClient { BaseAddress = new Uri(simulator.ApiEndpoint), Timeout = TimeSpan.FromSeconds(30) };
    }

    public SimulatorServer Simulator { get; }
    public string Token { get; set; }

    public static SimulatorApiCaller ForUser(SimulatorServer simulator) => new(simulator, UserToken(simulator));

    public static SimulatorApiCaller ForGroup(SimulatorServer simulator) => new(simulator, GroupToken(simulator));

    public static string UserToken(SimulatorServer simulator, DateTimeOffset? expiresAt = null, string? resource = null, string? key = null, string version = TokenVersion.Application)
    {
        using var accessKey = AccessKey.FromBase64(key ?? simulator.UserKey);
        return OneNetToken.Create(resource ?? $"userid/{simulator.UserId}", accessKey, expiresAt ?? simulator.Clock.GetUtcNow().AddHours(1), TokenMethod.Sha1, version);
    }

    public static string GroupToken(SimulatorServer simulator)
    {
        using var accessKey = AccessKey.FromBase64(simulator.GroupKey);
        return OneNetToken.Create($"projectid/{simulator.ProjectId}/groupid/{simulator.GroupId}", accessKey, simulator.Clock.GetUtcNow().AddHours(1), TokenMethod.Md5);
    }

    /// <summary>A GET of the application namespace with <c>project_id</c> first, then <paramref name="query"/>.</summary>
    public Task<ApiAnswer> GetAsync(string action, params (string Name, string Value)[] query) =>
        SendAsync(HttpMethod.Get, "application", action, [("project_id", Simulator.ProjectId), .. query], null);

    /// <summary>A POST of the application namespace; <c>project_id</c> is added to the body unless it has one.</summary>
    public Task<ApiAnswer> PostAsync(string action, Dictionary<string, object?> body)
    {
        body.TryAdd("project_id", Simulator.ProjectId);
        return SendAsync(HttpMethod.Post, "application", action, [], JsonSerializer.Serialize(body));
    }

    public async Task<ApiAnswer> SendAsync(HttpMethod method, string ns, string action, IEnumerable<(string Name, string Value)> query, string? json, string? version = "1")
    {
        var url = new StringBuilder($"/{ns}?action={Uri.EscapeDataString(action)}");
        if (version is not null)
        {
            url.Append("&version=").Append(version);
        }
        foreach (var (name, value) in query)
        {
            url.Append('&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }
        using var request = new HttpRequestMessage(method, url.ToString());
        if (Token.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("authorization", Token);
        }
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new ApiAnswer(response.StatusCode, JsonDocument.Parse(text).RootElement.Clone(), text, response.Headers.RetryAfter?.Delta);
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>An API answer: HTTP status and the envelope.</summary>
internal sealed record ApiAnswer(HttpStatusCode Status, JsonElement Json, string Text, TimeSpan? RetryAfter)
{
    public bool Success => Json.GetProperty("success").GetBoolean();
    public string? Code => Json.TryGetProperty("code", out var code) ? code.GetString() : null;
    public string? Message => Json.TryGetProperty("msg", out var msg) ? msg.GetString() : null;
    public JsonElement Data => Json.GetProperty("data");

    /// <summary>Asserts HTTP 200 with success and returns <c>data</c>.</summary>
    public JsonElement Ok()
    {
        Assert.True(Status == HttpStatusCode.OK && Success, $"expected success, got HTTP {(int)Status}: {Text}");
        return Data;
    }

    /// <summary>Asserts HTTP <paramref name="status"/> with the failure envelope of <c>iot.{ns}.{suffix}</c>.</summary>
    public void Fails(string suffix, HttpStatusCode status = HttpStatusCode.OK, string ns = "application")
    {
        Assert.True(Status == status && !Success, $"expected {suffix} with HTTP {(int)status}, got HTTP {(int)Status}: {Text}");
        Assert.Equal($"iot.{ns}.{suffix}", Code);
        Assert.False(string.IsNullOrEmpty(Message));
        Assert.Equal(["requestId", "code", "msg", "success"], Json.EnumerateObject().Select(p => p.Name));
    }
}
