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

    /// <summary>TLS: the server's certificate was refused (untrusted root, host name mismatch, expired).</summary>
    CertificateInvalid,

    /// <summary>TLS: the server accepted the TCP connection but did not complete a TLS handshake (a plain port?).</summary>
    TlsHandshakeFailed,

    /// <summary>The server accepted the connection but did not answer as an MQTT broker does.</summary>
    NotMqtt,
}
