namespace OneNetStudio.Core.Connection;

/// <summary>A failed connect, with a message a sysadmin can act on. Never carries key or token text.</summary>
public sealed class OneNetConnectException : Exception
{
    public OneNetConnectException(ConnectFailure failure, string endpoint, string message, int? connackCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
        Endpoint = endpoint;
        ConnackCode = connackCode;
    }

    public ConnectFailure Failure { get; }

    /// <summary><c>host:port</c> of the server that was tried.</summary>
    public string Endpoint { get; }

    /// <summary>The MQTT 3.1.1 CONNACK return code when the server refused the connection.</summary>
    public int? ConnackCode { get; }
}
