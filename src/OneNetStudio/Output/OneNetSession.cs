using OneNetStudio.Core.Connection;
using OneNetStudio.Core.Http;
using OneNetStudio.Core.Requests;
using OneNetStudio.Core.Security;
using OneNetStudio.Core.Things;

namespace OneNetStudio;

/// <summary>
/// One identity's two channels to the platform, as the user sees them: the application long connection (watch, set)
/// with the sets riding on it, and the HTTP application API (ask). Never exposes the access key or the token.
/// </summary>
public sealed class OneNetSession
{
    private readonly AccessKey _key;

    internal OneNetSession(int id, OneNetConnection connection, OneNetApiChannel api, AccessKey key)
    {
        Id = id;
        Connection = connection;
        Sets = new SetRequester(connection);
        Api = api;
        Fleet = new FleetCache(api);
        _key = key;
    }

    internal OneNetConnection Connection { get; }

    /// <summary>Property and desired sets on <see cref="Connection"/>, and the book of their replies.</summary>
    internal SetRequester Sets { get; }

    internal OneNetApiChannel Api { get; }

    /// <summary>What the session knows of the fleet (thing models, device names) for completion and the set checks.</summary>
    internal FleetCache Fleet { get; }

    public int Id { get; }
    public string ClientId => Connection.Options.ClientId;
    public ScopeKind Scope => Connection.Options.Scope.Kind;
    public string Username => Connection.Options.Scope.Username;
    public string? UserId => Connection.Options.Scope.UserId;

    /// <summary>The project the HTTP calls act in: a group's own, or the one a user session named; null when none.</summary>
    public string? ProjectId => Api.ProjectId;
    public string? GroupId => Connection.Options.Scope.GroupId;
    public string Server => Connection.Options.Server;
    public int Port => Connection.Options.Port;
    public string Endpoint => Connection.Options.Endpoint;

    /// <summary>Where the HTTP application API is asked.</summary>
    public string ApiEndpoint => Api.Endpoint.AbsoluteUri.TrimEnd('/');
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
    public int PendingSetCount => Sets.PendingCount;

    /// <summary>Closes both channels and the sets, then forgets the key. Safe to call more than once.</summary>
    internal async Task CloseAsync()
    {
        try
        {
            await Connection.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            Sets.Dispose();
            await Api.DisposeAsync().ConfigureAwait(false);
            _key.Dispose();
        }
    }

    public override string ToString() => $"OneNET session {Id}: {Username} @ {Endpoint} ({State})";
}
