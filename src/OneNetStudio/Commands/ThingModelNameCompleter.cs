using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using OneNetStudio.Core.Http;
using OneNetStudio.State;

namespace OneNetStudio.Commands;

/// <summary>
/// Completes identifiers from the thing models the session has already read (a cmdlet that needed one read it); never
/// touches the network, so it offers nothing for a product whose model the session has not seen yet.
/// </summary>
public abstract class ThingModelNameCompleter : IArgumentCompleter
{
    private const int MaxResults = 500;

    protected abstract IEnumerable<string> Names(ApiThingModel model);

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var state = RunspaceState.Current;
        var session = (fakeBoundParameters["Session"] is PSObject wrapped ? wrapped.BaseObject : fakeBoundParameters["Session"]) as OneNetSession ?? state.CurrentSession;
        if (session is null)
        {
            return [];
        }
        var productId = fakeBoundParameters["ProductId"]?.ToString();
        var products = productId is null ? state.KnownDevices().Select(d => d.ProductId).Distinct(StringComparer.Ordinal) : [productId];
        var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
        return products
            .Select(session.Api.CachedThingModel)
            .OfType<ApiThingModel>()
            .SelectMany(Names)
            .Distinct(StringComparer.Ordinal)
            .Where(n => n.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Take(MaxResults)
            .Select(n => new CompletionResult(n, n, CompletionResultType.ParameterValue, n))
            .ToList();
    }
}
