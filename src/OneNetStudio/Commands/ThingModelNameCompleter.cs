using System.Collections;
using OneNetStudio.Core.Http;
using OneNetStudio.State;

namespace OneNetStudio.Commands;

/// <summary>
/// Completes identifiers from the thing models of the session (read once per session). With -ProductId on the
/// command line, a model the session has not read yet is read, waiting a moment at most (a slower read serves the
/// next completion); without it, the models already read for the products the runspace knows of.
/// </summary>
public abstract class ThingModelNameCompleter : ListCompleter
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(1);

    protected abstract IEnumerable<string> Names(ApiThingModel model);

    protected override IEnumerable<string> Candidates(IDictionary fakeBoundParameters)
    {
        if (CompletionSession.Of(fakeBoundParameters) is not { } session)
        {
            return [];
        }
        var productId = fakeBoundParameters["ProductId"]?.ToString();
        var models = productId is null
            ? RunspaceState.Current.KnownDevices().Select(d => d.ProductId).Distinct(StringComparer.Ordinal).Select(session.Fleet.CachedThingModel)
            : [session.Fleet.ReadThingModelAsync(productId, Wait).GetAwaiter().GetResult().Model];
        return models.OfType<ApiThingModel>().SelectMany(Names);
    }
}
