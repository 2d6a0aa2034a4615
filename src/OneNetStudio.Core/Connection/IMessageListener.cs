using System.Buffers;

namespace OneNetStudio.Core.Connection;

/// <summary>Receives the messages of the topics it subscribed to. Called on MQTTnet's receive thread: must not block.</summary>
public interface IMessageListener
{
    /// <summary>The payload is only valid during the call.</summary>
    void OnMessage(string topic, ReadOnlySequence<byte> payload, DateTimeOffset receivedAt);

    /// <summary>The connection was closed for good; no more messages will come.</summary>
    void OnConnectionClosed();
}
