using System.Buffers;
using System.Threading.Channels;
using OneNetStudio.Core.Connection;
using OneNetStudio.Core.Messages;

namespace OneNetStudio.Core.Watching;

/// <summary>
/// The bridge between MQTTnet's receive path and the pipeline thread: messages are parsed where they arrive and put
/// into a bounded queue that the cmdlet drains. When the consumer falls behind and the queue is full, the connection
/// is held back (the broker keeps the messages) for up to <see cref="MaxBackpressure"/> per message; only a consumer
/// slower than that loses messages, which are counted so the cmdlet can say so. Memory stays bounded either way.
/// </summary>
public sealed class WatchQueue : IMessageListener, IDisposable
{
    public static readonly TimeSpan DefaultMaxBackpressure = TimeSpan.FromSeconds(2);

    private readonly Channel<object> _items;
    private long _received;
    private long _dropped;

    public WatchQueue(int capacity, TimeSpan? maxBackpressure = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        MaxBackpressure = maxBackpressure ?? DefaultMaxBackpressure;
        _items = Channel.CreateBounded<object>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            AllowSynchronousContinuations = false,
        });
    }

    public int Capacity { get; }
    public TimeSpan MaxBackpressure { get; }
    public long Received => Interlocked.Read(ref _received);
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>True once the connection closed (or the watch ended) and everything queued has been taken.</summary>
    public bool IsCompleted => _items.Reader.Completion.IsCompleted;

    public ValueTask OnMessageAsync(string topic, ReadOnlySequence<byte> payload, DateTimeOffset receivedAt)
    {
        Interlocked.Increment(ref _received);
        object item = MessageParser.TryParse(topic, payload, receivedAt, out var message, out var malformed) ? message! : malformed!;
        if (_items.Writer.TryWrite(item) || _items.Reader.Completion.IsCompleted)
        {
            return default;
        }
        if (MaxBackpressure <= TimeSpan.Zero)
        {
            Interlocked.Increment(ref _dropped);
            return default;
        }
        return WaitForRoomAsync(item);
    }

    public void OnConnectionClosed() => Complete();

    public void Complete() => _items.Writer.TryComplete();

    /// <summary>
    /// The next <see cref="OneNetMessage"/> or <see cref="MalformedMessage"/>; false after <paramref name="timeout"/>
    /// or once completed. Cancellation throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public bool TryTake(out object? item, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (_items.Reader.TryRead(out item))
        {
            return true;
        }
        cancellationToken.ThrowIfCancellationRequested();
        if (timeout <= TimeSpan.Zero || IsCompleted)
        {
            return false;
        }
        var waiting = _items.Reader.WaitToReadAsync(cancellationToken).AsTask();
        try
        {
            if (!waiting.Wait(timeout))
            {
                return false;
            }
        }
        catch (AggregateException ex) when (ex.InnerException is OperationCanceledException canceled)
        {
            throw canceled;
        }
        return _items.Reader.TryRead(out item);
    }

    public void Dispose() => Complete();

    private async ValueTask WaitForRoomAsync(object item)
    {
        using var patience = new CancellationTokenSource(MaxBackpressure);
        try
        {
            await _items.Writer.WriteAsync(item, patience.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Interlocked.Increment(ref _dropped);
        }
        catch (ChannelClosedException)
        {
            // The watch is over.
        }
    }
}
