namespace OneNetStudio.Core.Connection;

/// <summary>Why a connection attempt failed; decides the error category the module reports.</summary>
public enum ConnectFailure
{
    /// <summary>The server answered CONNACK with a refusal (4 bad user name or password, 5 not authorised, ...).</summary>
    Refused,

    /// <summary>No TCP/TLS connection could be made.</summary>
    Unreachable,

    /// <summary>No CONNACK within the connect timeout.</summary>
    TimedOut,
}
