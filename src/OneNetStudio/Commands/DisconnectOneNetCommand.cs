using System.Management.Automation;

namespace OneNetStudio.Commands;

[Cmdlet(VerbsCommunications.Disconnect, "OneNet")]
[OutputType(typeof(OneNetSession))]
public sealed class DisconnectOneNetCommand : OneNetCmdlet
{
    /// <summary>The session to close; by default the current session.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true)]
    [PSDefaultValue(Help = "The current session")]
    public OneNetSession? Session { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        // Closing is idempotent: a second Disconnect-OneNet, however the session is named, has nothing left to do.
        var session = Session ?? State.CurrentSession;
        if (session is null)
        {
            WriteVerbose("There is no current OneNET session: nothing to close.");
            return;
        }
        State.Remove(session);
        Await(session.CloseAsync());
        WriteVerbose($"Closed session {session.Id} ({session.Username} @ {session.Endpoint}).");
        if (PassThru)
        {
            WriteObject(session);
        }
    }
}
