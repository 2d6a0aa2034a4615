using System.Text.Json;
using OneNetStudio.Simulator.Engine;
using OneNetStudio.Simulator.Messages;
using OneNetStudio.Simulator.Things;

namespace OneNetStudio.Simulator.Api;

/// <summary>
/// A device's properties: the latest reported values with the desired ones (QueryDeviceProperty), a live read from
/// the device (QueryDevicePropertyDetail), the history of reports (QueryDevicePropertyHistory) and a set answered by
/// the device (SetDeviceProperty).
/// </summary>
internal sealed class PropertyActions(ApiContext context)
{
    public IEnumerable<ApiRoute> Routes =>
    [
        new("application", "QueryDeviceProperty", "GET", QueryDeviceProperty),
        new("application", "QueryDevicePropertyDetail", "POST", QueryDevicePropertyDetail),
        new("application", "QueryDevicePropertyHistory", "GET", QueryDevicePropertyHistory),
        new("application", "SetDeviceProperty", "POST", SetDeviceProperty),
    ];

    private Task<Action<Utf8JsonWriter>?> QueryDeviceProperty(ApiRequest request, CancellationToken cancellationToken)
    {
        var device = context.RequireDevice(request);
        var desired = device.GetDesiredValues();
        var rows = device.Model.PropertyList.Select(p => (Definition: p, Reported: device.GetReported(p.Identifier), Desired: desired.GetValueOrDefault(p.Identifier))).ToList();
        return ApiData.Object(writer =>
        {
            writer.WriteStartArray("list");
            foreach (var (definition, reported, expected) in rows)
            {
                writer.WriteStartObject();
                writer.WriteString("identifier", definition.Identifier);
                writer.WriteString("name", definition.Name);
                writer.WriteString("description", definition.Description);
                writer.WriteString("data_type", definition.DataType.ToPlatformName());
                writer.WriteString("access_mode", definition.ReadOnly ? "只读" : "读写");
                if (reported is { } value)
                {
                    writer.WriteString("value", ApiJson.ValueText(value.Value));
                }
                if (expected is not null)
                {
                    writer.WriteString("expect_value", ApiJson.ValueText(expected.Value));
                }
                // Never reported: no value, and the time "0".
                writer.WriteString("time", ApiJson.MsText(reported?.TimeMs ?? 0));
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        });
    }

    private async Task<Action<Utf8JsonWriter>?> QueryDevicePropertyDetail(ApiRequest request, CancellationToken cancellationToken)
    {
        var device = context.RequireDevice(request);
        var identifiers = request.RequireJson("params", JsonValueKind.Array).EnumerateArray()
            .Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : throw ApiFailure.InvalidParameter("params must list property identifiers as strings"))
            .ToList();
        if (identifiers.Count == 0)
        {
            throw ApiFailure.InvalidParameter("params lists no property");
        }
        if (identifiers.FirstOrDefault(i => !device.Model.Properties.ContainsKey(i)) is { } unknown)
        {
            throw ApiFailure.InvalidParameter(SetOutcome.IdentifierNotExist(unknown).Message!);
        }
        if (!device.Online)
        {
            throw new ApiFailure("getTmProperties", SetOutcome.DeviceNotOnline().Message!);
        }
        if (!await context.Server.DeviceAnswersAsync(device, cancellationToken).ConfigureAwait(false))
        {
            throw new ApiFailure("getTmProperties", SetOutcome.Timeout().Message!);
        }
        // The device answers property/get with what it holds now; a property it has no value for is left out.
        var values = device.GetValues();
        var answer = identifiers.Distinct(StringComparer.Ordinal).Where(values.ContainsKey).ToDictionary(i => i, i => values[i], StringComparer.Ordinal);
        return ApiData.ObjectOf(writer =>
        {
            foreach (var (identifier, value) in answer)
            {
                writer.WritePropertyName(identifier);
                ApiJson.WriteValue(writer, value);
            }
        });
    }

    private Task<Action<Utf8JsonWriter>?> QueryDevicePropertyHistory(ApiRequest request, CancellationToken cancellationToken)
    {
        var device = context.RequireDevice(request);
        var identifier = request.Require("identifier");
        if (!device.Model.Properties.ContainsKey(identifier))
        {
            throw ApiFailure.InvalidParameter(SetOutcome.IdentifierNotExist(identifier).Message!);
        }
        var (start, end) = ApiTimeRange.From(request);
        // The platform's example lists the newest first without a sort: 2 (descending) is the default.
        var ascending = request.GetLong("sort", 2, 1, 2) == 1;
        var page = ApiPage.From(request);
        var values = device.GetPropertyHistory(identifier).Where(v => v.TimeMs >= start && v.TimeMs <= end);
        var rows = page.Of(ascending ? values : values.Reverse()).ToList();
        return ApiData.Object(writer =>
        {
            writer.WriteStartArray("list");
            foreach (var row in rows)
            {
                writer.WriteStartObject();
                writer.WriteString("value", ApiJson.ValueText(row.Value));
                writer.WriteString("time", ApiJson.MsText(row.TimeMs));
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            page.WriteMeta(writer, null);
        });
    }

    private async Task<Action<Utf8JsonWriter>?> SetDeviceProperty(ApiRequest request, CancellationToken cancellationToken)
    {
        var device = context.RequireDevice(request);
        var parameters = ApiParams.Object(request);
        var outcome = SetEvaluator.Evaluate(device, parameters, null, propertySet: true, out var values);
        if (!outcome.Success)
        {
            throw outcome.Code == SetOutcome.DeviceNotOnline().Code ? new ApiFailure("setPropertyFailed", outcome.Message!) : ApiFailure.InvalidParameter(outcome.Message!);
        }
        if (!await context.Server.DeviceAnswersAsync(device, cancellationToken).ConfigureAwait(false))
        {
            throw new ApiFailure("setPropertyFailed", SetOutcome.Timeout().Message!);
        }
        device.Apply(values);
        var id = context.Server.NextMessageId();
        await context.Server.ReportAsync(device, values).ConfigureAwait(false);
        return ApiData.ObjectOf(writer =>
        {
            writer.WriteString("id", id);
            writer.WriteNumber("code", 200);
            writer.WriteString("msg", "success");
        });
    }
}
