using System.Collections.Specialized;
using System.Globalization;
using System.Text.Json;
using OneNetStudio.Simulator.Security;

namespace OneNetStudio.Simulator.Api;

/// <summary>
/// One authenticated API call and its parameters: from the query string for GET, from the JSON body for POST (as
/// the platform takes them; a parameter in the wrong place is missing). Empty values count as missing.
/// </summary>
internal sealed class ApiRequest(string requestId, ApiRoute route, SimulatorPrincipal principal, NameValueCollection query, JsonElement? body)
{
    public string RequestId { get; } = requestId;
    public ApiRoute Route { get; } = route;
    public SimulatorPrincipal Principal { get; } = principal;

    public string? Get(string name)
    {
        if (body is not { } json)
        {
            return query[name] is { Length: > 0 } text ? text : null;
        }
        if (!json.TryGetProperty(name, out var value))
        {
            return null;
        }
        var scalar = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => throw ApiFailure.InvalidParameter($"{name} must be a string, got {value.ValueKind.ToString().ToLowerInvariant()}"),
        };
        return string.IsNullOrEmpty(scalar) ? null : scalar;
    }

    public string Require(string name) => Get(name) ?? throw ApiFailure.ParameterRequired(name);

    /// <summary>A whole number within [min, max], or <paramref name="fallback"/> when missing.</summary>
    public long GetLong(string name, long fallback, long min, long max)
    {
        if (Get(name) is not { } text)
        {
            return fallback;
        }
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw ApiFailure.InvalidParameter($"{name} must be a whole number from {min} to {max}, got '{text}'");
        }
        return value;
    }

    /// <summary>An epoch-milliseconds time that must be given.</summary>
    public long RequireTime(string name)
    {
        Require(name);
        return GetLong(name, 0, 0, long.MaxValue);
    }

    /// <summary>A JSON parameter of a POST body (an object or an array); null when missing.</summary>
    public JsonElement? GetJson(string name) =>
        body is { } json && json.TryGetProperty(name, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined) ? value : null;

    public JsonElement RequireJson(string name, JsonValueKind kind)
    {
        var value = GetJson(name) ?? throw ApiFailure.ParameterRequired(name);
        return value.ValueKind == kind ? value : throw ApiFailure.InvalidParameter($"{name} must be a JSON {kind.ToString().ToLowerInvariant()}, got {value.ValueKind.ToString().ToLowerInvariant()}");
    }
}
