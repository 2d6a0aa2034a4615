using MQTTnet;
using MQTTnet.Formatter;
using OneNetStudio.Core.Security;
using OneNetStudio.Simulator;

namespace OneNetStudio.Tests;

public class SimulatorAuthTests() : SimulatorTest(new SimulatorOptions { Seed = 1 })
{
    [Fact]
    public async Task UserWithValidToken_IsAccepted()
    {
        var (client, code) = await RawClient.TryConnectUserAsync(Simulator);
        Assert.Equal(MqttClientConnectResultCode.Success, code);
        await client!.DisposeAsync();
        Assert.Equal(1, Simulator.Counters.Connections);
    }

    [Fact]
    public async Task GroupWithValidToken_IsAccepted()
    {
        await using var client = await RawClient.ConnectGroupAsync(Simulator);
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
            "wrong key" => RawClient.UserToken(Simulator, key: otherKey),
            "expired" => RawClient.UserToken(Simulator, expiresAt: DateTimeOffset.UtcNow.AddSeconds(-5)),
            "res differs" => RawClient.UserToken(Simulator, resource: "userid/999"),
            "device version" => RawClient.UserToken(Simulator, version: TokenVersion.Device),
            _ => "version=2020-05-29&this-is-not-a-token",
        };
        var (client, code) = await RawClient.TryConnectUserAsync(Simulator, token);
        Assert.Null(client);
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, code);
        Assert.Equal(1, Simulator.Counters.AuthFailures);
        Assert.NotNull(Simulator.LastAuthFailure);
    }

    [Fact]
    public async Task UnknownUser_IsRefused()
    {
        var (client, code) = await RawClient.TryConnectAsync(Simulator, "userid/42", RawClient.UserToken(Simulator, resource: "userid/42"), MqttProtocolVersion.V311);
        Assert.Null(client);
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, code);
    }

    [Fact]
    public async Task GroupUsernameWithUserKey_IsRefused()
    {
        var username = $"projectid/{Simulator.ProjectId}/groupid/{Simulator.GroupId}";
        var (client, code) = await RawClient.TryConnectAsync(Simulator, username, RawClient.UserToken(Simulator, resource: username), MqttProtocolVersion.V311);
        Assert.Null(client);
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, code);
    }

    [Fact]
    public async Task Mqtt5_IsRefusedAsThePlatformSpeaksOnly311()
    {
        var (client, code) = await RawClient.TryConnectUserAsync(Simulator, version: MqttProtocolVersion.V500);
        Assert.Null(client);
        Assert.Equal(MqttClientConnectResultCode.UnsupportedProtocolVersion, code);
    }

    [Theory]
    [InlineData(TokenMethod.Md5)]
    [InlineData(TokenMethod.Sha1)]
    [InlineData(TokenMethod.Sha256)]
    public async Task EveryMethod_IsAccepted(TokenMethod method)
    {
        using var key = AccessKey.FromBase64(Simulator.UserKey);
        var token = OneNetToken.Create($"userid/{Simulator.UserId}", key, DateTimeOffset.UtcNow.AddMinutes(5), method);
        var (client, code) = await RawClient.TryConnectUserAsync(Simulator, token);
        Assert.Equal(MqttClientConnectResultCode.Success, code);
        await client!.DisposeAsync();
    }
}
