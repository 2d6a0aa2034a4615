using System.Text.Json;

namespace OneNetStudio.Simulator.Messages;

/// <summary>
/// An application's set request (product.md 2.5). <see cref="Params"/> is null when the payload has a requestId but no
/// usable <c>data.params</c> object; <see cref="Problem"/> then says why.
/// </summary>
internal sealed record SetRequest(string RequestId, IReadOnlyDictionary<string, JsonElement>? Params, string? Problem)
{
    /// <summary>Null for a payload that is not JSON or has no requestId: the platform ignores those.</summary>
    public static SetRequest? TryParse(ReadOnlyMemory<byte> payload)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload);
        }
        catch (JsonException)
        {
            return null;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("requestId", out var idElement)
                || idElement.ValueKind != JsonValueKind.String
                || idElement.GetString() is not { Length: > 0 } requestId)
            {
                return null;
            }
            if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
            {
                return new SetRequest(requestId, null, "data is missing");
            }
            if (!data.TryGetProperty("params", out var parameters) || parameters.ValueKind != JsonValueKind.Object)
            {
                return new SetRequest(requestId, null, "data.params is missing or not an object");
            }
            var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var property in parameters.EnumerateObject())
            {
                values[property.Name] = property.Value.Clone();
            }
            return values.Count == 0
                ? new SetRequest(requestId, null, "data.params is empty")
                : new SetRequest(requestId, values, null);
        }
    }
}
