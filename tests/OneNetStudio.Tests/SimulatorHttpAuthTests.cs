using System.Net;
using OneNetStudio.Core.Security;
using OneNetStudio.Simulator;

namespace OneNetStudio.Tests;

/// <summary>The API's authentication (product.md 2.2 on the authorization header), its project scope, and its envelope.</summary>
public class SimulatorHttpAuthTests : IAsyncLifetime
{
    private SimulatorServer _simulator = null!;
    private SimulatorApiCaller _api = null!;

    public async Task InitializeAsync()
    {
        _simulator = await SimulatorServer.StartAsync(new SimulatorOptions { DeviceCount = 4, Seed = 11, ReportInterval = TimeSpan.FromHours(1) });
        _api = SimulatorApiCaller.ForUser(_simulator);
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _simulator.DisposeAsync();
    }

    private string Product => _simulator.Fleet.ProductIds.Single();

    private Task<ApiAnswer> StatusOf(string device) => _api.GetAsync("QueryDeviceStatus", ("product_id", Product), ("device_name", device));

    [Fact]
    public async Task ApiEndpoint_IsAnHttpUrlOnLoopback_ApartFromTheMqttPort()
    {
        Assert.Equal($"http://127.0.0.1:{_simulator.ApiPort}", _simulator.ApiEndpoint);
        Assert.NotEqual(_simulator.Port, _simulator.ApiPort);
        Assert.True(_simulator.ApiPort > 0);
    }

    [Fact]
    public async Task UserToken_IsAccepted_WithTheSuccessEnvelope()
    {
        var answer = await StatusOf("device0001");
        Assert.Equal(2, answer.Ok().GetProperty("status").GetInt32());
        Assert.Equal(["requestId", "success", "data"], answer.Json.EnumerateObject().Select(p => p.Name));
        Assert.Matches("^[0-9a-f]{32}$", answer.Json.GetProperty("requestId").GetString());
        Assert.StartsWith("application/json", (await RawGetAsync()).Content.Headers.ContentType!.ToString());
    }

    [Fact]
    public async Task GroupToken_IsAccepted()
    {
        using var group = SimulatorApiCaller.ForGroup(_simulator);
        var data = (await group.GetAsync("QueryDeviceStatus", ("product_id", Product), ("device_name", "device0001"))).Ok();
        Assert.Equal(2, data.GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("wrong key")]
    [InlineData("expired")]
    [InlineData("res of another user")]
    [InlineData("res of another group")]
    [InlineData("device token version")]
    [InlineData("garbage")]
    [InlineData("no header")]
    public async Task BadToken_IsAuthPermissionDeny_Http200(string what)
    {
        var otherKey = Convert.ToBase64String(new byte[32]);
        _api.Token = what switch
        {
            "wrong key" => SimulatorApiCaller.UserToken(_simulator, key: otherKey),
            "expired" => SimulatorApiCaller.UserToken(_simulator, expiresAt: DateTimeOffset.UtcNow.AddSeconds(-5)),
            "res of another user" => SimulatorApiCaller.UserToken(_simulator, resource: "userid/999"),
            "res of another group" => SimulatorApiCaller.UserToken(_simulator, resource: $"projectid/{_simulator.ProjectId}/groupid/other"),
            "device token version" => SimulatorApiCaller.UserToken(_simulator, version: TokenVersion.Device),
            "no header" => "",
            _ => "version=2020-05-29&this-is-not-a-token",
        };
        (await StatusOf("device0001")).Fails("authPermissionDeny");
        Assert.Equal(1, _simulator.Counters.ApiAuthFailures);
        Assert.False(string.IsNullOrEmpty(_simulator.LastApiAuthFailure));
        Assert.Equal(0, _simulator.Counters.AuthFailures); // the MQTT side's counter stays the MQTT side's
    }

    [Fact]
    public async Task Expiry_IsJudgedByTheSimulatorsClock()
    {
        _api.Token = SimulatorApiCaller.UserToken(_simulator, expiresAt: DateTimeOffset.UtcNow.AddMinutes(2));
        (await StatusOf("device0001")).Ok();
        _simulator.Clock.Advance(TimeSpan.FromMinutes(3));
        (await StatusOf("device0001")).Fails("authPermissionDeny");
    }

    [Fact]
    public async Task TheCommonNamespace_NamesItselfInTheCode()
    {
        _api.Token = "nonsense";
        (await _api.SendAsync(HttpMethod.Get, "common", "QueryThingModel", [("product_id", Product)], null)).Fails("authPermissionDeny", ns: "common");
    }

    [Fact]
    public async Task AnotherProject_IsProjectNotFound_ForAUserAndForAGroup()
    {
        (await _api.SendAsync(HttpMethod.Get, "application", "QueryDeviceStatus", [("project_id", "NoSuchProject"), ("product_id", Product), ("device_name", "device0001")], null))
            .Fails("projectNotFound");
        using var group = SimulatorApiCaller.ForGroup(_simulator);
        (await group.SendAsync(HttpMethod.Get, "application", "QueryDeviceList", [("project_id", "NoSuchProject")], null)).Fails("projectNotFound");
    }

    [Fact]
    public async Task MissingProjectId_IsParameterRequired()
    {
        (await _api.SendAsync(HttpMethod.Get, "application", "QueryDeviceList", [], null)).Fails("parameterRequired");
    }

    [Fact]
    public async Task PostParameters_InTheQueryStringInsteadOfTheBody_AreMissing()
    {
        var answer = await _api.SendAsync(HttpMethod.Post, "application", "SetDeviceProperty",
            [("project_id", _simulator.ProjectId), ("product_id", Product), ("device_name", "device0001")], "{}");
        answer.Fails("parameterRequired");
    }

    [Theory]
    [InlineData("application", "NoSuchAction", "GET", HttpStatusCode.NotFound)]
    [InlineData("nowhere", "QueryDeviceList", "GET", HttpStatusCode.NotFound)]
    [InlineData("application", "QueryDeviceList", "POST", HttpStatusCode.MethodNotAllowed)]
    [InlineData("application", "SetDeviceProperty", "GET", HttpStatusCode.MethodNotAllowed)]
    public async Task UnknownActionOrWrongMethod_IsAnHttpError_WithTheEnvelope(string ns, string action, string method, HttpStatusCode status)
    {
        var answer = await _api.SendAsync(new HttpMethod(method), ns, action, [("project_id", _simulator.ProjectId)], method == "POST" ? "{}" : null);
        answer.Fails("invalidParameter", status);
    }

    [Fact]
    public async Task VersionOtherThan1_IsInvalidParameter()
    {
        (await _api.SendAsync(HttpMethod.Get, "application", "QueryDeviceList", [("project_id", _simulator.ProjectId)], null, version: "2")).Fails("invalidParameter");
        (await _api.SendAsync(HttpMethod.Get, "application", "QueryDeviceList", [("project_id", _simulator.ProjectId)], null, version: null)).Fails("parameterRequired");
    }

    [Theory]
    [InlineData("this is not json")]
    [InlineData("[1,2,3]")]
    public async Task PostBodyThatIsNotAJsonObject_IsInvalidParameter(string body) =>
        (await _api.SendAsync(HttpMethod.Post, "application", "SetDeviceProperty", [], body)).Fails("invalidParameter");

    [Fact]
    public async Task BodyOver4MB_Is413()
    {
        var huge = "{\"label\":\"" + new string('x', (4 * 1024 * 1024) + 10) + "\"}";
        (await _api.SendAsync(HttpMethod.Post, "application", "SetDeviceProperty", [], huge)).Fails("invalidParameter", HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Failures_AreCounted()
    {
        await StatusOf("nosuchdevice");
        await StatusOf("device0001");
        Assert.Equal(2, _simulator.Counters.ApiCalls);
        Assert.Equal(1, _simulator.Counters.ApiFailures);
    }

    [Fact]
    public async Task TheApiStopsWithTheSimulator()
    {
        var endpoint = _simulator.ApiEndpoint;
        await _simulator.DisposeAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(endpoint + "/application?action=QueryDeviceList&version=1"));
    }

    private async Task<HttpResponseMessage> RawGetAsync()
    {
        using var http = new HttpClient();
        return await http.GetAsync($"{_simulator.ApiEndpoint}/application?action=QueryDeviceList&version=1&project_id={_simulator.ProjectId}");
    }
}
