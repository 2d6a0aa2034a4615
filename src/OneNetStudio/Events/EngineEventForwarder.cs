using System.Buffers;
using System.Management.Automation;
using OneNetStudio.Core.Connection;
using OneNetStudio.Core.Messages;

namespace OneNetStudio.Events;

/// <summary>
/// Turns a session's messages into PowerShell engine events. PSEventManager.GenerateEvent is thread-safe and only
/// queues the event, so calling it on MQTTnet's receive thread is allowed; the runspace runs the actions itself.
/// </summary>
internal sealed class EngineEventForwarder(PSEventManager events, string sourceIdentifier, OneNetSession session, PSObject? messageData) : IMessageListener
{
    public void OnMessage(string topic, ReadOnlySequence<byte> payload, DateTimeOffset receivedAt)
    {
        object item = MessageParser.TryParse(topic, payload, receivedAt, out var message, out var malformed) ? message! : malformed!;
        events.GenerateEvent(sourceIdentifier, session, [item], messageData);
    }

    public void OnConnectionClosed()
    {
    }
}
