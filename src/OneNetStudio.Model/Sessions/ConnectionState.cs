namespace OneNetStudio;

/// <summary>Where a session stands; <c>$session.State -eq [OneNetStudio.ConnectionState]::Connected</c> works in scripts.</summary>
public enum ConnectionState
{
    Connecting,
    Connected,
    Reconnecting,
    Closed,
}
