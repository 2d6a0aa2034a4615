using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using OneNetStudio.Core.Http;
using OneNetStudio.State;

namespace OneNetStudio.Commands;

/// <summary>
/// Completes names from the thing model of -ProductId, as the session has already read it (by an earlier command
/// of the product); never touches the network.
/// </summary>
public abstract class ThingModelNameCompleter : IArgumentCompleter
{
    private protected abstract IEnumerable<string> Names(ApiThingModel model);

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var session = (fakeBoundParameters["Session"] is PSObject wrapped ? wrapped.BaseObject : fakeBoundParameters["Session"]) as OneNetSession
            ?? RunspaceState.Current.CurrentSession;
        if (fakeBoundParameters["ProductId"] is not string productId || session?.Api.CachedThingModel(productId) is not { } model)
        {
            return [];
        }
        var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
        return Names(model)
            .Where(n => n.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(n => new CompletionResult(n, n, CompletionResultType.ParameterValue, n));
    }
}
