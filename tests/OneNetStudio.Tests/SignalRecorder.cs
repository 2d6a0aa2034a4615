using System.Buffers;
using System.Collections.Concurrent;
using OneNetStudio.Core.Connection;

namespace OneNetStudio.Tests;

/// <summary>A listener that notes every signal the connection gives it, with its reason or topic.</summary>
internal sealed class SignalRecorder : IMessageListener
{
    public ConcurrentQueue<string> LinkLost { get; } = new();
    public ConcurrentQueue<string> Dropped { get; } = new();
    public ConcurrentQueue<string?> Closed { get; } = new();

    public ValueTask OnMessageAsync(string topic, ReadOnlySequence<byte> payload, DateTimeOffset receivedAt) => default;
    public void OnConnectionClosed(string? reason) => Closed.Enqueue(reason);
    public void OnLinkLost(string reason) => LinkLost.Enqueue(reason);
    public void OnSubscriptionDropped(string topic) => Dropped.Enqueue(topic);
}
