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
    public WakeSignal Wake { get; } = new();

    /// <summary>True once the connection closed (or the watch ended) and everything queued has been taken.</summary>
    public bool IsCompleted => _items.Reader.Completion.IsCompleted;

    public ValueTask OnMessageAsync(string topic, ReadOnlySequence<byte> payload, DateTimeOffset receivedAt)
    {
        Interlocked.Increment(ref _received);
        object item = MessageParser.TryParse(topic, payload, receivedAt, out var message, out var malformed) ? message! : malformed!;
        if (_items.Writer.TryWrite(item))
        {
            Wake.Notify();
            return default;
        }
        if (_completed)
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
        Wake.Notify();
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
        // Real time, whatever clock decides staleness: a test's frozen clock must not make this wait forever.
        var deadline = Environment.TickCount64 + (long)Math.Min(Math.Ceiling(timeout.TotalMilliseconds), int.MaxValue);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var left = deadline - Environment.TickCount64;
            if (left <= 0)
            {
                return false;
            }
            Wake.Arm();
            if (TryRead(out item))
            {
                return true;
            }
            if (IsCompleted)
            {
                Wake.Disarm();
                return false;
            }
            Wake.Wait((int)left, cancellationToken);
            if (TryRead(out item))
            {
                return true;
            }
        }
    }

    public bool TryRead(out object? item)
    {
        if (!_items.Reader.TryRead(out item))
        {
            return false;
        }
        Volatile.Write(ref _lastTake, _clock.GetTimestamp());
        if (Wake.IsWaiting)
        {
            Wake.Disarm();
        }
        return true;
    }

    public void Dispose() => Complete();

    // A consumer waiting for items is not busy elsewhere, however long since it last took one: a loaded machine can
    // delay its wake-up past StaleConsumer while the queue fills (floods lost messages so).
    private bool ConsumerIsStale() => !Wake.IsWaiting && _clock.GetElapsedTime(Volatile.Read(ref _lastTake)) > StaleConsumer;

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
                Wake.Notify();
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
