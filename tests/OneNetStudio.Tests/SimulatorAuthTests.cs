using MQTTnet;
using MQTTnet.Formatter;
using OneNetStudio.Core.Security;
using OneNetStudio.Simulator;

namespace OneNetStudio.Tests;

public class SimulatorAuthTests : IAsyncLifetime
{
    private SimulatorServer _simulator = null!;

    public async Task InitializeAsync() => _simulator = await SimulatorServer.StartAsync(new SimulatorOptions { Seed = 1 });
    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    [Fact]
    public async Task UserWithValidToken_IsAccepted()
    {
        var (client, code) = await RawClient.TryConnectUserAsync(_simulator);
        Assert.Equal(MqttClientConnectResultCode.Success, code);
        await client!.DisposeAsync();
        Assert.Equal(1, _simulator.Counters.Connections);
    }

    [Fact]
    public async Task GroupWithValidToken_IsAccepted()
    {
        await using var client = await RawClient.ConnectGroupAsync(_simulator);
        Assert.True(client.Client.IsConnected);
    }

    [Theory]
    [InlineData("wrong key")]
    [InlineData("expired")]
    [InlineData("res differs")]
    [InlineData("device version")]
    [InlineData("garbage")]
    public async Task BadToken_IsRefusedWithConnack4(string what)
    {
        var otherKey = Convert.ToBase64String(new byte[32]);
        var token = what switch
        {
            "wrong key" => RawClient.UserToken(_simulator, key: otherKey),
            "expired" => RawClient.UserToken(_simulator, expiresAt: DateTimeOffset.UtcNow.AddSeconds(-5)),
            "res differs" => RawClient.UserToken(_simulator, resource: "userid/999"),
            "device version" => RawClient.UserToken(_simulator, version: TokenVersion.Device),
            _ => "version=2020-05-29&this-is-not-a-token",
        };
        var (client, code) = await RawClient.TryConnectUserAsync(_simulator, token);
        Assert.Null(client);
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, code);
        Assert.Equal(1, _simulator.Counters.AuthFailures);
        Assert.NotNull(_simulator.LastAuthFailure);
    }

    [Fact]
    public async Task UnknownUser_IsRefused()
    {
        var (client, code) = await RawClient.TryConnectAsync(_simulator, "userid/42", RawClient.UserToken(_simulator, resource: "userid/42"), MqttProtocolVersion.V311);
        Assert.Null(client);
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, code);
    }

    [Fact]
    public async Task GroupUsernameWithUserKey_IsRefused()
    {
        var username = $"projectid/{_simulator.ProjectId}/groupid/{_simulator.GroupId}";
        var (client, code) = await RawClient.TryConnectAsync(_simulator, username, RawClient.UserToken(_simulator, resource: username), MqttProtocolVersion.V311);
        Assert.Null(client);
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, code);
    }

    [Fact]
    public async Task Mqtt5_IsRefusedAsThePlatformSpeaksOnly311()
    {
        var (client, code) = await RawClient.TryConnectUserAsync(_simulator, version: MqttProtocolVersion.V500);
        Assert.Null(client);
        Assert.Equal(MqttClientConnectResultCode.UnsupportedProtocolVersion, code);
    }

    [Theory]
    [InlineData(TokenMethod.Md5)]
    [InlineData(TokenMethod.Sha1)]
    [InlineData(TokenMethod.Sha256)]
    public async Task EveryMethod_IsAccepted(TokenMethod method)
    {
        using var key = AccessKey.FromBase64(_simulator.UserKey);
        var token = OneNetToken.Create($"userid/{_simulator.UserId}", key, DateTimeOffset.UtcNow.AddMinutes(5), method);
        var (client, code) = await RawClient.TryConnectUserAsync(_simulator, token);
        Assert.Equal(MqttClientConnectResultCode.Success, code);
        await client!.DisposeAsync();
    }
}
