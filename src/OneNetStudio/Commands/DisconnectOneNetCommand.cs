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
        var session = ResolveSession(Session);
        State.Remove(session);
        Await(session.Connection.DisposeAsync().AsTask());
        WriteVerbose($"Closed session {session.Id} ({session.Username} @ {session.Endpoint}).");
        if (PassThru)
        {
            WriteObject(session);
        }
    }
}
