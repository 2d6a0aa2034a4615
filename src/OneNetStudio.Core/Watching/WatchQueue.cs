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
public sealed class WatchQueue : IMessageListener, IItemSource, IDisposable
{
    public static readonly TimeSpan DefaultMaxBackpressure = TimeSpan.FromSeconds(2);

    /// <summary>A consumer that took nothing for this long is busy elsewhere: holding the session back for it would
    /// only stall the session (for example a set whose reply is queued behind the held-back message).</summary>
    private static readonly TimeSpan StaleConsumer = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan PatienceSlice = TimeSpan.FromMilliseconds(50);

    private readonly Channel<object> _items;
    private readonly TimeProvider _clock;
    private long _received;
    private long _dropped;
    private long _lastTake;
    private volatile bool _completed;
    private volatile bool _consumerWaiting;
    private Task<bool>? _pendingWait;

    public WatchQueue(int capacity, TimeSpan? maxBackpressure = null, TimeProvider? clock = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _clock = clock ?? TimeProvider.System;
        _lastTake = _clock.GetTimestamp();
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
        if (_items.Writer.TryWrite(item) || _completed)
        {
            return default;
        }
        if (MaxBackpressure <= TimeSpan.Zero || ConsumerIsStale())
        {
            Interlocked.Increment(ref _dropped);
            return default;
        }
        return WaitForRoomAsync(item);
    }

    public void OnConnectionClosed(string? reason) => Complete();

    public void Complete()
    {
        _completed = true;
        _items.Writer.TryComplete();
    }

    /// <summary>
    /// The next <see cref="OneNetMessage"/> or <see cref="MalformedMessage"/>; false after <paramref name="timeout"/>
    /// or once completed. Cancellation throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public bool TryTake(out object? item, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (TryRead(out item))
        {
            return true;
        }
        cancellationToken.ThrowIfCancellationRequested();
        if (timeout <= TimeSpan.Zero || IsCompleted)
        {
            return false;
        }
        // One wait at a time, reused across polls: a new WaitToReadAsync per poll would leave a waiter behind each
        // time an idle watch's poll times out. Only the pipeline thread gets here.
        _consumerWaiting = true;
        _pendingWait ??= _items.Reader.WaitToReadAsync().AsTask();
        if (!_pendingWait.Wait((int)Math.Min(timeout.TotalMilliseconds, int.MaxValue), cancellationToken))
        {
            return false;
        }
        _pendingWait = null;
        return TryRead(out item);
    }

    public bool TryRead(out object? item)
    {
        if (!_items.Reader.TryRead(out item))
        {
            return false;
        }
        Volatile.Write(ref _lastTake, _clock.GetTimestamp());
        _consumerWaiting = false;
        return true;
    }

    public ValueTask<bool> WaitToReadAsync()
    {
        _consumerWaiting = true;
        return _items.Reader.WaitToReadAsync();
    }

    public void Dispose() => Complete();

    // A consumer waiting for items is not busy elsewhere, however long since it last took one: its wake-up is a thread
    // pool work item, which a loaded machine can delay past StaleConsumer while the queue fills (floods lost messages so).
    private bool ConsumerIsStale() => !_consumerWaiting && _clock.GetElapsedTime(Volatile.Read(ref _lastTake)) > StaleConsumer;

    // Waits in short slices while the consumer keeps taking; gives up (drops) after MaxBackpressure in all, or as soon
    // as the consumer stops taking (it is blocked downstream, and waiting would only stall the session).
    private async ValueTask WaitForRoomAsync(object item)
    {
        var started = _clock.GetTimestamp();
        while (true)
        {
            using var slice = new CancellationTokenSource(PatienceSlice, _clock);
            try
            {
                await _items.Writer.WriteAsync(item, slice.Token).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException)
            {
                if (_clock.GetElapsedTime(started) >= MaxBackpressure || ConsumerIsStale())
                {
                    Interlocked.Increment(ref _dropped);
                    return;
                }
            }
            catch (ChannelClosedException)
            {
                return; // the watch is over
            }
        }
    }
}
