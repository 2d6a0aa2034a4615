using System.Buffers;
using System.Collections.Concurrent;
using OneNetStudio.Core.Connection;
using OneNetStudio.Core.Messages;

namespace OneNetStudio.Core.Watching;

/// <summary>
/// The bridge between MQTTnet's receive thread and the pipeline thread: messages are parsed where they arrive and put
/// into a bounded queue that the cmdlet drains. When the consumer falls behind and the queue is full, new messages are
/// dropped and counted (never blocking the connection, never growing without bound), so the cmdlet can say so.
/// </summary>
public sealed class WatchQueue : IMessageListener, IDisposable
{
    private readonly BlockingCollection<object> _items;
    private long _received;
    private long _dropped;

    public WatchQueue(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _items = new BlockingCollection<object>(new ConcurrentQueue<object>(), capacity);
    }

    public int Capacity { get; }
    public long Received => Interlocked.Read(ref _received);
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>True once the connection closed and everything queued has been taken.</summary>
    public bool IsCompleted => _items.IsCompleted;

    public void OnMessage(string topic, ReadOnlySequence<byte> payload, DateTimeOffset receivedAt)
    {
        Interlocked.Increment(ref _received);
        object item = MessageParser.TryParse(topic, payload, receivedAt, out var message, out var malformed) ? message! : malformed!;
        try
        {
            if (!_items.TryAdd(item))
            {
                Interlocked.Increment(ref _dropped);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or ObjectDisposedException)
        {
            // Completed or disposed: the watch is over.
        }
    }

    public void OnConnectionClosed() => Complete();

    public void Complete()
    {
        try
        {
            _items.CompleteAdding();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>
    /// The next <see cref="OneNetMessage"/> or <see cref="MalformedMessage"/>; false after <paramref name="timeout"/>
    /// or once completed. Cancellation throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public bool TryTake(out object? item, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var milliseconds = (int)Math.Clamp(timeout.TotalMilliseconds, 0, int.MaxValue);
        var taken = _items.TryTake(out var value, milliseconds, cancellationToken);
        item = value;
        return taken;
    }

    public void Dispose() => _items.Dispose();
}
