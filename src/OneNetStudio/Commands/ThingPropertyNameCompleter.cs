using OneNetStudio.Core.Http;

namespace OneNetStudio.Commands;

/// <summary>Property identifiers of the thing models the session has read.</summary>
public sealed class ThingPropertyNameCompleter : ThingModelNameCompleter
{
    protected override IEnumerable<string> Names(ApiThingModel model) => model.Properties.Select(p => p.Identifier);
}
