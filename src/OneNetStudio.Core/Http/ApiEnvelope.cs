using System.Text.Json;

namespace OneNetStudio.Core.Http;

/// <summary>What every answer carries around its data, whatever the dialect calls the fields.</summary>
internal readonly record struct ApiEnvelope(bool Success, string? Code, string? Message, string? RequestId, JsonElement Data);
