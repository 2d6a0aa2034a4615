using System.Management.Automation;
using OneNetStudio.Core.Connection;

namespace OneNetStudio.Commands;

/// <summary>Tells the user, from the pipeline thread, what happened to the session's link while a command ran.</summary>
internal static class StateChangeReport
{
    public static void WritePending(Cmdlet cmdlet, OneNetSession session, StateChangeRecorder recorder)
    {
        while (recorder.TryTake(out var change))
        {
            cmdlet.WriteVerbose($"Session {session.Id}: {change!.Describe()}");
            if (change.State == ConnectionState.Connected && change.Outage is { } outage)
            {
                cmdlet.WriteWarning($"Session {session.Id} was disconnected for {outage.TotalSeconds:0.0} s: whatever the platform published meanwhile is lost (it keeps no cache for the application long connection).");
                if (change.Refused > 0)
                {
                    cmdlet.WriteWarning($"Session {session.Id}: the platform refused {change.Refused} subscription(s) when they were restored; the account or project group can no longer see those devices, and nothing more will come from them.");
                }
            }
        }
    }
}
