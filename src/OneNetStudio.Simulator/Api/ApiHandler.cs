using System.Text.Json;

namespace OneNetStudio.Simulator.Api;

/// <summary>Runs one API action: returns what writes the envelope's <c>data</c> (null: <c>"data":null</c>), or throws an <see cref="ApiFailure"/>.</summary>
internal delegate Task<Action<Utf8JsonWriter>?> ApiHandler(ApiRequest request, CancellationToken cancellationToken);
