using System.Text.Json;
using OneNetStudio.Simulator.Things;

namespace OneNetStudio.Simulator.Api;

using ServiceCallType = OneNetStudio.Simulator.Things.ServiceCallType;
using ThingEventType = OneNetStudio.Simulator.Things.ThingEventType;

/// <summary>
/// A product's thing model, in the <c>common</c> namespace (no project_id): QueryThingModel. Specs are written as
/// the platform writes them: numbers as strings (<c>{"min":"0","max":"100","step":"1","unit":"%"}</c>), an enum's
/// values as <c>{"0":"auto"}</c>, a bool's as <c>{"false":"off","true":"on"}</c>, a string's and a bitMap's
/// <c>{"length":"n"}</c>, a date's <c>{}</c>, a struct's as the list of its fields, an array's as
/// <c>{"length":"n","type":"int32"}</c> (with the element's <c>specs</c> too).
/// </summary>
internal sealed class ThingModelActions(ApiContext context)
{
    public IEnumerable<ApiRoute> Routes =>
    [
        new("common", "QueryThingModel", "GET", QueryThingModel),
    ];

    private Task<Action<Utf8JsonWriter>?> QueryThingModel(ApiRequest request, CancellationToken cancellationToken)
    {
        var productId = context.RequireProduct(request);
        var model = context.Fleet.Devices.First(d => d.ProductId == productId).Model;
        return ApiData.Object(writer =>
        {
            writer.WriteStartArray("properties");
            foreach (var property in model.PropertyList)
            {
                writer.WriteStartObject();
                WriteFunction(writer, property.Identifier, property.Name, property.Description, "property");
                writer.WriteString("accessMode", property.ReadOnly ? "r" : "rw");
                WriteDataType(writer, property.Type);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteStartArray("events");
            foreach (var definition in model.Events)
            {
                writer.WriteStartObject();
                WriteFunction(writer, definition.Identifier, definition.Name, definition.Description, "event");
                writer.WriteString("eventType", definition.Type switch { ThingEventType.Info => "info", ThingEventType.Alert => "alert", _ => "error" });
                WriteFields(writer, "outputData", definition.Outputs);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteStartArray("services");
            foreach (var service in model.Services)
            {
                writer.WriteStartObject();
                WriteFunction(writer, service.Identifier, service.Name, service.Description, "service");
                writer.WriteString("callType", service.CallType == ServiceCallType.Synchronous ? "s" : "a");
                WriteFields(writer, "input", service.Inputs);
                WriteFields(writer, "output", service.Outputs);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        });
    }

    private static void WriteFunction(Utf8JsonWriter writer, string identifier, string name, string description, string mode)
    {
        writer.WriteString("identifier", identifier);
        writer.WriteString("name", name);
        writer.WriteString("desc", description);
        writer.WriteString("functionMode", mode);
        writer.WriteString("functionType", "u");
    }

    private static void WriteFields(Utf8JsonWriter writer, string name, IReadOnlyList<ThingField> fields)
    {
        writer.WriteStartArray(name);
        foreach (var field in fields)
        {
            WriteField(writer, field);
        }
        writer.WriteEndArray();
    }

    private static void WriteField(Utf8JsonWriter writer, ThingField field)
    {
        writer.WriteStartObject();
        writer.WriteString("identifier", field.Identifier);
        writer.WriteString("name", field.Name);
        WriteDataType(writer, field.Type);
        writer.WriteEndObject();
    }

    private static void WriteDataType(Utf8JsonWriter writer, ThingValueType type)
    {
        writer.WriteStartObject("dataType");
        writer.WriteString("type", type.Kind.ToPlatformName());
        writer.WritePropertyName("specs");
        WriteSpecs(writer, type);
        writer.WriteEndObject();
    }

    private static void WriteSpecs(Utf8JsonWriter writer, ThingValueType type)
    {
        if (type.Kind == ThingDataType.Struct)
        {
            writer.WriteStartArray();
            foreach (var field in type.Fields!)
            {
                WriteField(writer, field);
            }
            writer.WriteEndArray();
            return;
        }
        writer.WriteStartObject();
        switch (type.Kind)
        {
            case ThingDataType.Int32 or ThingDataType.Int64 or ThingDataType.Float or ThingDataType.Double:
                WriteNumberSpec(writer, "min", type.Min);
                WriteNumberSpec(writer, "max", type.Max);
                WriteNumberSpec(writer, "step", type.Step);
                writer.WriteString("unit", type.Unit ?? string.Empty);
                break;
            case ThingDataType.Enum:
                foreach (var (value, meaning) in type.EnumValues!)
                {
                    writer.WriteString(value.ToString(System.Globalization.CultureInfo.InvariantCulture), meaning);
                }
                break;
            case ThingDataType.Bool:
                writer.WriteString("false", type.BoolLabels!.Value.False);
                writer.WriteString("true", type.BoolLabels!.Value.True);
                break;
            case ThingDataType.String or ThingDataType.BitMap:
                writer.WriteString("length", type.Length!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
                break;
            case ThingDataType.Array:
                writer.WriteString("length", type.Length!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
                writer.WriteString("type", type.Element!.Kind.ToPlatformName());
                writer.WritePropertyName("specs");
                WriteSpecs(writer, type.Element);
                break;
        }
        writer.WriteEndObject();
    }

    private static void WriteNumberSpec(Utf8JsonWriter writer, string name, decimal? value)
    {
        if (value is { } number)
        {
            writer.WriteString(name, ApiJson.SpecNumber(number));
        }
    }
}
