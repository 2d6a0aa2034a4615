using System.Management.Automation;
using OneNetStudio.Core.Connection;

namespace OneNetStudio.Commands;

/// <summary>
/// Raises a PowerShell engine event for every message of the given devices, for event-driven scripts
/// (Wait-Event, Get-Event, -Action). Unregister-Event ends the subscription.
/// </summary>
[Cmdlet(VerbsLifecycle.Register, "OneNetEvent")]
[OutputType(typeof(PSEventJob))]
public sealed class RegisterOneNetEventCommand : DeviceListenerCommand
{
    /// <summary>The name of the events; a new GUID when not given.</summary>
    [Parameter(Position = 2)]
    [ValidateNotNullOrEmpty]
    [PSDefaultValue(Help = "A new GUID")]
    public string? SourceIdentifier { get; set; }

    /// <summary>Run for every event, with $Event set; the job that runs it is returned.</summary>
    [Parameter(Position = 3)]
    public ScriptBlock? Action { get; set; }

    /// <summary>Passed along as $Event.MessageData.</summary>
    [Parameter]
    public PSObject? MessageData { get; set; }

    protected override void EndProcessing()
    {
        if (Targets.Count == 0)
        {
            return;
        }
        var session = ResolveSession(Session);
        var sourceIdentifier = SourceIdentifier ?? Guid.NewGuid().ToString();
        if (Events.Subscribers.Any(s => string.Equals(s.SourceIdentifier, sourceIdentifier, StringComparison.OrdinalIgnoreCase)))
        {
            ThrowTerminatingError(new ErrorRecord(
                new ArgumentException($"An event subscription named '{sourceIdentifier}' already exists. Choose another -SourceIdentifier or run Unregister-Event '{sourceIdentifier}' first."),
                "OneNetEventSubscriptionExists", ErrorCategory.ResourceExists, sourceIdentifier));
        }
        var source = new OneNetEventSource(session);
        var events = Events;
        var subscriber = events.SubscribeEvent(source, nameof(OneNetEventSource.MessageReceived), sourceIdentifier, MessageData, Action, false, false);
        source.EndsWith(() => events.UnsubscribeEvent(subscriber));
        SubscribeResult result;
        try
        {
            result = Await(session.Connection.SubscribeAsync(source, Topics(), StopToken));
        }
        catch (Exception ex)
        {
            Events.UnsubscribeEvent(subscriber);
            if (ex is OneNetSessionClosedException)
            {
                ThrowTerminatingError(Errors.SessionClosed((OneNetSessionClosedException)ex, session));
            }
            throw;
        }
        var granted = result.Granted;
        // Before anything can throw (ReportRefused under -ErrorAction Stop): Unregister-Event must give these back.
        source.OnLastHandlerRemoved(() => session.Connection.Unsubscribe(source, granted));
        ReportRefused(result.Refused);
        if (granted.Count == 0)
        {
            Events.UnsubscribeEvent(subscriber);
            return;
        }
        State.RememberDevices(Targets.Select(t => (t.ProductId, t.DeviceName)));
        WriteVerbose($"Raising '{sourceIdentifier}' events for {Targets.Count} device(s) ({granted.Count} subscription(s)) on session {session.Id}; Unregister-Event '{sourceIdentifier}' stops them.");
        if (subscriber.Action is { } job)
        {
            WriteObject(job);
        }
    }
}
