using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using OneNetStudio.Core.Http;
using OneNetStudio.State;

namespace OneNetStudio.Commands;

/// <summary>
/// Completes identifiers from the thing models of the session (read once per session). With -ProductId on the
/// command line, a model the session has not read yet is read, waiting a moment at most (a slower read serves the
/// next completion); without it, the models already read for the products the runspace knows of.
/// </summary>
public abstract class ThingModelNameCompleter : IArgumentCompleter
{
    private const int MaxResults = 500;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(1);

    protected abstract IEnumerable<string> Names(ApiThingModel model);

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var state = RunspaceState.Current;
        var session = CompletionSession.Of(fakeBoundParameters);
        if (session is null)
        {
            return [];
        }
        var productId = fakeBoundParameters["ProductId"]?.ToString();
        var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
        var models = productId is null
            ? state.KnownDevices().Select(d => d.ProductId).Distinct(StringComparer.Ordinal).Select(session.Fleet.CachedThingModel)
            : [session.Fleet.ReadThingModelAsync(productId, Wait).GetAwaiter().GetResult().Model];
        return models
            .OfType<ApiThingModel>()
            .SelectMany(Names)
            .Distinct(StringComparer.Ordinal)
            .Where(n => n.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Take(MaxResults)
            .Select(n => new CompletionResult(n, n, CompletionResultType.ParameterValue, n))
            .ToList();
    }
}
