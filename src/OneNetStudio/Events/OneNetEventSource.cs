using System.Buffers;
using OneNetStudio.Core.Connection;
using OneNetStudio.Core.Messages;

namespace OneNetStudio;

/// <summary>
/// The object Register-OneNetEvent subscribes PowerShell to: it turns a session's messages into a .NET event, which
/// PowerShell queues as engine events (object events may go without an -Action, so Wait-Event works). When the last
/// handler is removed (Unregister-Event), it gives its MQTT subscriptions back.
/// </summary>
public sealed class OneNetEventSource : IMessageListener
{
    private readonly object _gate = new();
    private EventHandler<OneNetMessageEventArgs>? _messageReceived;
    private Action? _release;
    private Action? _endSubscription;

    internal OneNetEventSource(OneNetSession session) => Session = session;

    public OneNetSession Session { get; }

    public event EventHandler<OneNetMessageEventArgs>? MessageReceived
    {
        add
        {
            lock (_gate)
            {
                _messageReceived += value;
            }
        }
        remove
        {
            Action? release = null;
            lock (_gate)
            {
                _messageReceived -= value;
                if (_messageReceived is null)
                {
                    (release, _release) = (_release, null);
                }
            }
            release?.Invoke();
        }
    }

    /// <summary>How to end the PowerShell event subscription when the session closes for good.</summary>
    internal void EndsWith(Action endSubscription)
    {
        lock (_gate)
        {
            _endSubscription = endSubscription;
        }
    }

    /// <summary>Called once the subscriptions are made: what to do when nobody listens any more.</summary>
    internal void OnLastHandlerRemoved(Action release)
    {
        lock (_gate)
        {
            _release = release;
        }
    }

    ValueTask IMessageListener.OnMessageAsync(string topic, ReadOnlySequence<byte> payload, DateTimeOffset receivedAt)
    {
        object item = MessageParser.TryParse(topic, payload, receivedAt, out var message, out var malformed) ? message! : malformed!;
        Volatile.Read(ref _messageReceived)?.Invoke(this, new OneNetMessageEventArgs(item, Session));
        return default;
    }

    // No more messages will come: end the engine subscription, so a Wait-Event on it does not wait for ever and the
    // source identifier is free again.
    void IMessageListener.OnConnectionClosed(string? reason)
    {
        Action? end;
        lock (_gate)
        {
            (end, _endSubscription) = (_endSubscription, null);
        }
        try
        {
            end?.Invoke();
        }
        catch (Exception ex) when (ex is InvalidOperationException or ObjectDisposedException)
        {
            // The runspace that registered it is gone, and its event manager with it.
        }
    }

    public override string ToString() => $"OneNET events of session {Session.Id}";
}
