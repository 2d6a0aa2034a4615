using OneNetStudio.Core.Http;

namespace OneNetStudio.Commands;

/// <summary>The services of -ProductId's thing model.</summary>
public sealed class ServiceNameCompleter : ThingModelNameCompleter
{
    protected override IEnumerable<string> Names(ApiThingModel model) => model.Services.Select(s => s.Identifier);
}
