using System.Collections;
using System.Management.Automation;
using OneNetStudio.State;

namespace OneNetStudio.Commands;

/// <summary>The session a completion is for: the command line's -Session when it is already bound, else the current one.</summary>
internal static class CompletionSession
{
    public static OneNetSession? Of(IDictionary fakeBoundParameters) =>
        (fakeBoundParameters["Session"] is PSObject wrapped ? wrapped.BaseObject : fakeBoundParameters["Session"]) as OneNetSession
        ?? RunspaceState.Current.CurrentSession;
}
