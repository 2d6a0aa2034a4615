using System.Text.Json;

namespace OneNetStudio.Core.Http;

/// <summary>A successful answer handed to a dialect's reader; <see cref="Data"/> is valid only during the read.</summary>
internal readonly record struct ApiResponse(JsonElement Data, string? RequestId);
