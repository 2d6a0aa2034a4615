using System.Text.Json;
using OneNetStudio.Simulator.Things;

namespace OneNetStudio.Simulator.Api;

using ServiceCallType = OneNetStudio.Simulator.Things.ServiceCallType;
using ThingEventType = OneNetStudio.Simulator.Things.ThingEventType;

/// <summary>The events a device raised, newest first: QueryDeviceEventHistory.</summary>
internal sealed class EventActions(ApiContext context)
{
    public IEnumerable<ApiRoute> Routes =>
    [
        new("application", "QueryDeviceEventHistory", "GET", QueryDeviceEventHistory),
    ];

    private Task<Action<Utf8JsonWriter>?> QueryDeviceEventHistory(ApiRequest request, CancellationToken cancellationToken)
    {
        var device = context.RequireDevice(request);
        var (start, end) = ApiTimeRange.From(request);
        var identifier = request.Get("identifier");
        if (identifier is not null && device.Model.FindEvent(identifier) is null)
        {
            throw ApiFailure.InvalidParameter($"identifier not exist: '{identifier}' is no event of the thing model (309)");
        }
        var eventType = request.GetLong("event_type", 0, (long)ThingEventType.Info, (long)ThingEventType.Fault);
        var page = ApiPage.From(request);
        var rows = page.Of(device.GetEventHistory()
            .Where(e => e.TimeMs >= start && e.TimeMs <= end)
            .Where(e => identifier is null || e.Definition.Identifier == identifier)
            .Where(e => eventType == 0 || (long)e.Definition.Type == eventType)
            .Reverse()).ToList();
        return ApiData.Object(writer =>
        {
            writer.WriteStartArray("list");
            foreach (var row in rows)
            {
                writer.WriteStartObject();
                writer.WriteString("identifier", row.Definition.Identifier);
                writer.WriteString("name", row.Definition.Name);
                writer.WriteNumber("event_type", (int)row.Definition.Type);
                writer.WriteString("value", ApiJson.ValueText(row.Value));
                writer.WriteString("time", ApiJson.MsText(row.TimeMs));
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            page.WriteMeta(writer, null);
        });
    }
}
