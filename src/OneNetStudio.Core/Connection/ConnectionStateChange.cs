namespace OneNetStudio.Core.Connection;

/// <summary>What happened when a connection changed state, for messages the user sees.</summary>
/// <param name="State">The new state.</param>
/// <param name="Reason">Why the link was lost, or why the connection closed; null when it (re)connected.</param>
/// <param name="Outage">For a reconnect: how long the link was down.</param>
/// <param name="Restored">For a reconnect: the subscriptions restored.</param>
/// <param name="Refused">For a reconnect: the subscriptions the server no longer allowed.</param>
public sealed record ConnectionStateChange(ConnectionState State, DateTimeOffset At, string? Reason = null,
    TimeSpan? Outage = null, int Restored = 0, int Refused = 0)
{
    public string Describe() => State switch
    {
        ConnectionState.Reconnecting => $"Connection lost ({Reason}); reconnecting.",
        ConnectionState.Connected when Outage is { } outage =>
            $"Reconnected after {outage.TotalSeconds:0.0} s; {Restored} subscription(s) restored" + (Refused > 0 ? $", {Refused} refused." : "."),
        ConnectionState.Connected => "Connected.",
        ConnectionState.Closed => Reason is null ? "The session was closed." : $"The session was closed: {Reason}",
        _ => State.ToString(),
    };
}
