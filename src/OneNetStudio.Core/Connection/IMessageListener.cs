using System.Buffers;

namespace OneNetStudio.Core.Connection;

/// <summary>
/// Receives the messages of the topics it subscribed to (on MQTTnet's receive path) and hears what happens to the link:
/// a listener holding a topic, or one that called <see cref="OneNetConnection.Listen"/>, hears each signal once.
/// </summary>
public interface IMessageListener
{
    /// <summary>
    /// The payload is only valid until the returned task is first awaited (read it synchronously). A listener may
    /// return an unfinished task to hold back the connection while it cannot keep up (backpressure): the broker then
    /// keeps the messages. It must not block the thread.
    /// </summary>
    ValueTask OnMessageAsync(string topic, ReadOnlySequence<byte> payload, DateTimeOffset receivedAt);

    /// <summary>
    /// The connection was closed for good; no more messages will come. <paramref name="reason"/> is why the link was
    /// lost (null when it was closed while healthy). Called once.
    /// </summary>
    void OnConnectionClosed(string? reason);

    /// <summary>The link dropped and the connection is reconnecting; what was on the wire may be lost. Called once per loss.</summary>
    void OnLinkLost(string reason)
    {
    }

    /// <summary>The broker refused <paramref name="topic"/> when it was restored after a reconnect: it will not come again.</summary>
    void OnSubscriptionDropped(string topic)
    {
    }
}
