using System.Text.Json;

namespace OneNetStudio.Simulator.Api;

/// <summary>The <c>params</c> of a POST body, read the way the platform's actions take them.</summary>
internal static class ApiParams
{
    /// <summary><c>params</c> as a non-empty object: identifier → JSON value.</summary>
    public static IReadOnlyDictionary<string, JsonElement> Object(ApiRequest request, bool allowEmpty = false)
    {
        var values = request.RequireJson("params", JsonValueKind.Object).EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
        return values.Count > 0 || allowEmpty ? values : throw ApiFailure.InvalidParameter("params is empty");
    }
}
