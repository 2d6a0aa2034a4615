namespace OneNetStudio.Core.Connection;

public enum ConnectionState
{
    Connecting,
    Connected,
    Reconnecting,
    Closed,
}
