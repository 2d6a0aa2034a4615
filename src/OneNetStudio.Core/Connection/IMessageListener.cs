using System.Buffers;

namespace OneNetStudio.Core.Connection;

/// <summary>Receives the messages of the topics it subscribed to. Called on MQTTnet's receive path.</summary>
public interface IMessageListener
{
    /// <summary>
    /// The payload is only valid until the returned task is first awaited (read it synchronously). A listener may
    /// return an unfinished task to hold back the connection while it cannot keep up (backpressure): the broker then
    /// keeps the messages. It must not block the thread.
    /// </summary>
    ValueTask OnMessageAsync(string topic, ReadOnlySequence<byte> payload, DateTimeOffset receivedAt);

    /// <summary>The connection was closed for good; no more messages will come.</summary>
    void OnConnectionClosed();

    /// <summary>The link dropped and the connection is reconnecting; what was on the wire may be lost.</summary>
    void OnLinkLost(string reason)
    {
    }

    /// <summary>The broker refused <paramref name="topic"/> when it was restored after a reconnect: it will not come again.</summary>
    void OnSubscriptionDropped(string topic)
    {
    }
}
