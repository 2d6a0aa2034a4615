using OneNetStudio.Core.Http;

namespace OneNetStudio.Commands;

/// <summary>Event identifiers of the thing models the session has read.</summary>
public sealed class ThingEventNameCompleter : ThingModelNameCompleter
{
    protected override IEnumerable<string> Names(ApiThingModel model) => model.Events.Select(e => e.Identifier);
}
