using System.Globalization;
using System.Text.Json;
using OneNetStudio.Simulator.Engine;
using OneNetStudio.Simulator.Messages;

namespace OneNetStudio.Simulator.Api;

/// <summary>
/// The desired values the platform keeps per device, the same store the MQTT desired sets write: set
/// (SetDeviceDesiredProperty), read (QueryDeviceDesiredProperty) and delete with a version check
/// (DeleteDeviceDesiredProperty).
/// </summary>
internal sealed class DesiredActions(ApiContext context)
{
    public IEnumerable<ApiRoute> Routes =>
    [
        new("application", "SetDeviceDesiredProperty", "POST", SetDeviceDesiredProperty),
        new("application", "QueryDeviceDesiredProperty", "POST", QueryDeviceDesiredProperty),
        new("application", "DeleteDeviceDesiredProperty", "POST", DeleteDeviceDesiredProperty),
    ];

    private Task<Action<Utf8JsonWriter>?> SetDeviceDesiredProperty(ApiRequest request, CancellationToken cancellationToken)
    {
        var device = context.RequireDevice(request);
        var outcome = SetEvaluator.Evaluate(device, ApiParams.Object(request), null, propertySet: false, out var values);
        if (!outcome.Success)
        {
            throw ApiFailure.InvalidParameter(outcome.Message!);
        }
        device.ApplyDesired(values);
        return ApiData.None;
    }

    private Task<Action<Utf8JsonWriter>?> QueryDeviceDesiredProperty(ApiRequest request, CancellationToken cancellationToken)
    {
        var device = context.RequireDevice(request);
        IReadOnlyList<string>? wanted = null;
        if (request.GetJson("params") is { } list)
        {
            wanted = list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : throw ApiFailure.InvalidParameter("params must list property identifiers as strings")).ToList()
                : throw ApiFailure.InvalidParameter("params must be an array of property identifiers");
            if (wanted.FirstOrDefault(i => !device.Model.Properties.ContainsKey(i)) is { } unknown)
            {
                throw ApiFailure.InvalidParameter(SetOutcome.IdentifierNotExist(unknown).Message!);
            }
        }
        var desired = device.GetDesiredValues()
            .Where(d => wanted is null || wanted.Contains(d.Key))
            .OrderBy(d => device.Model.PropertyIndex.GetValueOrDefault(d.Key))
            .ToList();
        return ApiData.Object(writer =>
        {
            writer.WriteStartObject("params");
            foreach (var (identifier, value) in desired)
            {
                writer.WriteStartObject(identifier);
                writer.WritePropertyName("value");
                ApiJson.WriteValue(writer, value.Value);
                // The platform's pages give the version as a number in one place and a string in another: a string here.
                writer.WriteString("version", value.Version.ToString(CultureInfo.InvariantCulture));
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        });
    }

    private Task<Action<Utf8JsonWriter>?> DeleteDeviceDesiredProperty(ApiRequest request, CancellationToken cancellationToken)
    {
        var device = context.RequireDevice(request);
        var versions = new Dictionary<string, int?>(StringComparer.Ordinal);
        foreach (var (identifier, spec) in ApiParams.Object(request))
        {
            if (!device.Model.Properties.ContainsKey(identifier))
            {
                throw ApiFailure.InvalidParameter(SetOutcome.IdentifierNotExist(identifier).Message!);
            }
            versions[identifier] = spec.ValueKind == JsonValueKind.Object
                ? ReadVersion(identifier, spec)
                : throw ApiFailure.InvalidParameter($"params.{identifier} must be an object ({{}} or {{\"version\":n}})");
        }
        if (device.DeleteDesired(versions) is { } mismatch)
        {
            throw new ApiFailure("deleteDesiredPeropertyFailed", mismatch.Current is { } current
                ? $"version mismatch: '{mismatch.Identifier}' is at version {current}, not {versions[mismatch.Identifier]}; nothing was deleted"
                : $"'{mismatch.Identifier}' has no desired value to delete at version {versions[mismatch.Identifier]}; nothing was deleted");
        }
        return ApiData.None;
    }

    // A version may come as a number or as a string, as the platform itself writes it both ways.
    private static int? ReadVersion(string identifier, JsonElement spec)
    {
        if (!spec.TryGetProperty("version", out var version) || version.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (version.ValueKind == JsonValueKind.Number && version.TryGetInt32(out var number) && number > 0)
        {
            return number;
        }
        if (version.ValueKind == JsonValueKind.String && int.TryParse(version.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0)
        {
            return parsed;
        }
        throw ApiFailure.InvalidParameter($"params.{identifier}.version must be a positive whole number, got {version.GetRawText()}");
    }
}
