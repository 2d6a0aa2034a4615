using OneNetStudio.Core.Http;

namespace OneNetStudio.Core.Things;

/// <summary>A thing model as <see cref="FleetCache.ReadThingModelAsync"/> found it: the model, or why there is none.</summary>
/// <param name="Model">The model; null when it could not be read.</param>
/// <param name="Failure">Why not: the API's failure, or a <see cref="TimeoutException"/> when it did not come in time.</param>
/// <param name="Remembered">The failure is one an earlier command met (and was told of); nothing was asked this time.</param>
public sealed record ThingModelRead(ApiThingModel? Model, Exception? Failure, bool Remembered);
