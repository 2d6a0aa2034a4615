using System.Net;
using OneNetStudio.Core.Security;
using OneNetStudio.Simulator;

namespace OneNetStudio.Tests;

/// <summary>The API's authentication (product.md 2.2 on the authorization header), its project scope, and its envelope.</summary>
public class SimulatorHttpAuthTests() : SimulatorApiTest(new SimulatorOptions { DeviceCount = 4, Seed = 11, ReportInterval = TimeSpan.FromHours(1) })
{
    private Task<ApiAnswer> StatusOf(string device) => Api.GetAsync("QueryDeviceStatus", ("product_id", Product), ("device_name", device));

    [Fact]
    public async Task ApiEndpoint_IsAnHttpUrlOnLoopback_ApartFromTheMqttPort()
    {
        Assert.Equal($"http://127.0.0.1:{Simulator.ApiPort}", Simulator.ApiEndpoint);
        Assert.NotEqual(Simulator.Port, Simulator.ApiPort);
        Assert.True(Simulator.ApiPort > 0);
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
        using var group = SimulatorApiCaller.ForGroup(Simulator);
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
        Api.Token = what switch
        {
            "wrong key" => SimulatorApiCaller.UserToken(Simulator, key: otherKey),
            "expired" => SimulatorApiCaller.UserToken(Simulator, expiresAt: DateTimeOffset.UtcNow.AddSeconds(-5)),
            "res of another user" => SimulatorApiCaller.UserToken(Simulator, resource: "userid/999"),
            "res of another group" => SimulatorApiCaller.UserToken(Simulator, resource: $"projectid/{Simulator.ProjectId}/groupid/other"),
            "device token version" => SimulatorApiCaller.UserToken(Simulator, version: TokenVersion.Device),
            "no header" => "",
            _ => "version=2020-05-29&this-is-not-a-token",
        };
        (await StatusOf("device0001")).Fails("authPermissionDeny");
        Assert.Equal(1, Simulator.Counters.ApiAuthFailures);
        Assert.False(string.IsNullOrEmpty(Simulator.LastApiAuthFailure));
        Assert.Equal(0, Simulator.Counters.AuthFailures); // the MQTT side's counter stays the MQTT side's
    }

    [Fact]
    public async Task Expiry_IsJudgedByTheSimulatorsClock()
    {
        Api.Token = SimulatorApiCaller.UserToken(Simulator, expiresAt: DateTimeOffset.UtcNow.AddMinutes(2));
        (await StatusOf("device0001")).Ok();
        Simulator.Clock.Advance(TimeSpan.FromMinutes(3));
        (await StatusOf("device0001")).Fails("authPermissionDeny");
    }

    [Fact]
    public async Task TheCommonNamespace_NamesItselfInTheCode()
    {
        Api.Token = "nonsense";
        (await Api.SendAsync(HttpMethod.Get, "common", "QueryThingModel", [("product_id", Product)], null)).Fails("authPermissionDeny", ns: "common");
    }

    [Fact]
    public async Task AnotherProject_IsProjectNotFound_ForAUserAndForAGroup()
    {
        (await Api.SendAsync(HttpMethod.Get, "application", "QueryDeviceStatus", [("project_id", "NoSuchProject"), ("product_id", Product), ("device_name", "device0001")], null))
            .Fails("projectNotFound");
        using var group = SimulatorApiCaller.ForGroup(Simulator);
        (await group.SendAsync(HttpMethod.Get, "application", "QueryDeviceList", [("project_id", "NoSuchProject")], null)).Fails("projectNotFound");
    }

    [Fact]
    public async Task MissingProjectId_IsParameterRequired()
    {
        (await Api.SendAsync(HttpMethod.Get, "application", "QueryDeviceList", [], null)).Fails("parameterRequired");
    }

    [Fact]
    public async Task PostParameters_InTheQueryStringInsteadOfTheBody_AreMissing()
    {
        var answer = await Api.SendAsync(HttpMethod.Post, "application", "SetDeviceProperty",
            [("project_id", Simulator.ProjectId), ("product_id", Product), ("device_name", "device0001")], "{}");
        answer.Fails("parameterRequired");
    }

    [Theory]
    [InlineData("application", "NoSuchAction", "GET", HttpStatusCode.NotFound)]
    [InlineData("nowhere", "QueryDeviceList", "GET", HttpStatusCode.NotFound)]
    [InlineData("application", "QueryDeviceList", "POST", HttpStatusCode.MethodNotAllowed)]
    [InlineData("application", "SetDeviceProperty", "GET", HttpStatusCode.MethodNotAllowed)]
    public async Task UnknownActionOrWrongMethod_IsAnHttpError_WithTheEnvelope(string ns, string action, string method, HttpStatusCode status)
    {
        var answer = await Api.SendAsync(new HttpMethod(method), ns, action, [("project_id", Simulator.ProjectId)], method == "POST" ? "{}" : null);
        answer.Fails("invalidParameter", status);
    }

    [Fact]
    public async Task VersionOtherThan1_IsInvalidParameter()
    {
        (await Api.SendAsync(HttpMethod.Get, "application", "QueryDeviceList", [("project_id", Simulator.ProjectId)], null, version: "2")).Fails("invalidParameter");
        (await Api.SendAsync(HttpMethod.Get, "application", "QueryDeviceList", [("project_id", Simulator.ProjectId)], null, version: null)).Fails("parameterRequired");
    }

    [Theory]
    [InlineData("this is not json")]
    [InlineData("[1,2,3]")]
    public async Task PostBodyThatIsNotAJsonObject_IsInvalidParameter(string body) =>
        (await Api.SendAsync(HttpMethod.Post, "application", "SetDeviceProperty", [], body)).Fails("invalidParameter");

    [Fact]
    public async Task BodyOver4MB_Is413()
    {
        var huge = "{\"label\":\"" + new string('x', (4 * 1024 * 1024) + 10) + "\"}";
        (await Api.SendAsync(HttpMethod.Post, "application", "SetDeviceProperty", [], huge)).Fails("invalidParameter", HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Failures_AreCounted()
    {
        await StatusOf("nosuchdevice");
        await StatusOf("device0001");
        Assert.Equal(2, Simulator.Counters.ApiCalls);
        Assert.Equal(1, Simulator.Counters.ApiFailures);
    }

    [Fact]
    public async Task TheApiStopsWithTheSimulator()
    {
        var endpoint = Simulator.ApiEndpoint;
        await Simulator.DisposeAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(endpoint + "/application?action=QueryDeviceList&version=1"));
    }

    private async Task<HttpResponseMessage> RawGetAsync()
    {
        using var http = new HttpClient();
        return await http.GetAsync($"{Simulator.ApiEndpoint}/application?action=QueryDeviceList&version=1&project_id={Simulator.ProjectId}");
    }
}
