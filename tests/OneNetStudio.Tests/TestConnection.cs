using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;
using OneNetStudio.Core.Connection;
using OneNetStudio.Core.Requests;
using OneNetStudio.Core.Security;
using OneNetStudio.Simulator;

namespace OneNetStudio.Tests;

/// <summary>
/// How a test connects: who (scope and key) to which server, and <see cref="ConnectionOptions"/>' own defaults for every
/// setting the test does not state. A test states its settings with <c>with</c>, so what it changes stays in sight:
/// <c>TestConnection.UserOf(simulator) with { AutoReconnect = false }</c>.
/// </summary>
public sealed record TestConnection(OneNetScope Scope, string Key, string Server, int Port)
{
    private static readonly ConnectionOptions Defaults = new() { Scope = OneNetScope.ForUser("0"), AccessKey = AccessKey.FromBase64(Convert.ToBase64String(new byte[32])) };
    private static readonly ConditionalWeakTable<OneNetConnection, SetRequester> Requesters = new();

    /// <summary>The one requester <paramref name="connection"/> carries, as a session's carries one (made on first use).</summary>
    public static SetRequester SetsOf(OneNetConnection connection) => Requesters.GetValue(connection, c => new SetRequester(c));

    /// <summary>The simulator's user, with the user key.</summary>
    public static TestConnection UserOf(SimulatorServer simulator) => new(OneNetScope.ForUser(simulator.UserId), simulator.UserKey, simulator.Host, simulator.Port);

    /// <summary>The simulator's project group, with the group key.</summary>
    public static TestConnection GroupOf(SimulatorServer simulator) =>
        new(OneNetScope.ForGroup(simulator.ProjectId, simulator.GroupId), simulator.GroupKey, simulator.Host, simulator.Port);

    /// <summary>Any user (a broker that checks no token, as mosquitto with anonymous access does).</summary>
    public static TestConnection AnyUser(string server, int port) => new(OneNetScope.ForUser("12321"), Convert.ToBase64String(new byte[32]), server, port);

    public TimeSpan? ConnectTimeout { get; init; }
    public TimeProvider? Clock { get; init; }
    public bool? AutoReconnect { get; init; }
    public TimeSpan? ReconnectInitialDelay { get; init; }
    public TimeSpan? ReconnectFastCeiling { get; init; }
    public TimeSpan? ReconnectMaxDelay { get; init; }
    public TimeSpan? StablePeriod { get; init; }
    public TimeSpan? KeepAlive { get; init; }
    public TimeSpan? PingTimeout { get; init; }
    public TimeSpan? TokenLifetime { get; init; }
    public int? ReadAheadLimit { get; init; }
    public bool UseTls { get; init; }
    public X509Certificate2Collection? CertificateAuthorities { get; init; }
    public bool SkipCertificateCheck { get; init; }

    public ConnectionOptions ToOptions() => new()
    {
        Scope = Scope,
        AccessKey = AccessKey.FromBase64(Key),
        Server = Server,
        Port = Port,
        ConnectTimeout = ConnectTimeout ?? Defaults.ConnectTimeout,
        Clock = Clock ?? Defaults.Clock,
        AutoReconnect = AutoReconnect ?? Defaults.AutoReconnect,
        ReconnectInitialDelay = ReconnectInitialDelay ?? Defaults.ReconnectInitialDelay,
        ReconnectFastCeiling = ReconnectFastCeiling ?? Defaults.ReconnectFastCeiling,
        ReconnectMaxDelay = ReconnectMaxDelay ?? Defaults.ReconnectMaxDelay,
        StablePeriod = StablePeriod ?? Defaults.StablePeriod,
        KeepAlive = KeepAlive ?? Defaults.KeepAlive,
        PingTimeout = PingTimeout ?? Defaults.PingTimeout,
        TokenLifetime = TokenLifetime ?? Defaults.TokenLifetime,
        ReadAheadLimit = ReadAheadLimit ?? Defaults.ReadAheadLimit,
        UseTls = UseTls,
        CertificateAuthorities = CertificateAuthorities,
        SkipCertificateCheck = SkipCertificateCheck,
    };

    public Task<OneNetConnection> ConnectAsync(CancellationToken cancellationToken = default) => OneNetConnection.ConnectAsync(ToOptions(), cancellationToken);

    /// <summary>Never the key.</summary>
    public override string ToString() => $"{Scope.Username} @ {Server}:{Port}";
}
