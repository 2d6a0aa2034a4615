using OneNetStudio.Core.Connection;
using OneNetStudio.Core.Security;

namespace OneNetStudio;

/// <summary>An open application long connection, as the user sees it. Never exposes the access key or the token.</summary>
public sealed class OneNetSession
{
    internal OneNetSession(int id, OneNetConnection connection)
    {
        Id = id;
        Connection = connection;
    }

    internal OneNetConnection Connection { get; }

    public int Id { get; }
    public string ClientId => Connection.Options.ClientId;
    public ScopeKind Scope => Connection.Options.Scope.Kind;
    public string Username => Connection.Options.Scope.Username;
    public string? UserId => Connection.Options.Scope.UserId;
    public string? ProjectId => Connection.Options.Scope.ProjectId;
    public string? GroupId => Connection.Options.Scope.GroupId;
    public string Server => Connection.Options.Server;
    public int Port => Connection.Options.Port;
    public string Endpoint => Connection.Options.Endpoint;
    public bool UseTls => Connection.Options.UseTls;
    public ConnectionState State => Connection.State;
    public DateTimeOffset? ConnectedSince => Connection.ConnectedSince;
    public DateTimeOffset? TokenExpiresAt => Connection.TokenExpiresAt;
    public TokenMethod TokenMethod => Connection.Options.Method;
    public int KeepAliveSec => (int)Connection.Options.KeepAlive.TotalSeconds;
    public string? LastError => Connection.LastError;

    /// <summary>How many times the session came back after a lost link.</summary>
    public int ReconnectCount => Connection.ReconnectCount;
    public bool AutoReconnect => Connection.Options.AutoReconnect;

    /// <summary>Distinct topics this session is subscribed to (watches and set replies).</summary>
    public int SubscriptionCount => Connection.SubscriptionCount;

    /// <summary>Sets sent on this session that are still waiting for their reply.</summary>
    public int PendingSetCount => Connection.Sets.PendingCount;

    public override string ToString() => $"OneNET session {Id}: {Username} @ {Endpoint} ({State})";
}
