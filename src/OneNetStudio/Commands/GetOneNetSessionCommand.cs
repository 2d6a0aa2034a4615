using System.Management.Automation;

namespace OneNetStudio.Commands;

[Cmdlet(VerbsCommon.Get, "OneNetSession")]
[OutputType(typeof(OneNetSession))]
public sealed class GetOneNetSessionCommand : OneNetCmdlet
{
    /// <summary>Only the sessions with these ids.</summary>
    [Parameter(Position = 0)]
    [PSDefaultValue(Help = "Every session of the runspace")]
    public int[]? Id { get; set; }

    protected override void EndProcessing()
    {
        foreach (var session in State.Sessions)
        {
            if (Id is null || Id.Contains(session.Id))
            {
                WriteObject(session);
            }
        }
        foreach (var missing in Id?.Where(id => State.Sessions.All(s => s.Id != id)) ?? [])
        {
            WriteError(new ErrorRecord(new ItemNotFoundException($"There is no OneNET session with id {missing} in this runspace."),
                "OneNetSessionNotFound", ErrorCategory.ObjectNotFound, missing));
        }
    }
}
