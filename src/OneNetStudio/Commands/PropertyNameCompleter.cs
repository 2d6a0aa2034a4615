using OneNetStudio.Core.Http;

namespace OneNetStudio.Commands;

/// <summary>The properties of -ProductId's thing model.</summary>
public sealed class PropertyNameCompleter : ThingModelNameCompleter
{
    private protected override IEnumerable<string> Names(ApiThingModel model) => model.Properties.Select(p => p.Identifier);
}
