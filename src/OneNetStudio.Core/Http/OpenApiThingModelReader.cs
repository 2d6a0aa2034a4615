using System.Globalization;
using System.Text.Json;

namespace OneNetStudio.Core.Http;

/// <summary>
/// Reads <c>QueryThingModel</c>'s answer. Leniently: <c>input</c>/<c>output</c> or <c>inputData</c>/<c>outputData</c>,
/// <c>eventType</c> or <c>type</c>, numbers in specs as strings, enum specs as <c>{"1":"mode 1"}</c> (or a list of
/// value/name pairs), a struct's fields as its specs, an array's element type as <c>item</c> or inline in its specs.
/// </summary>
internal static class OpenApiThingModelReader
{
    public static ApiThingModel Read(JsonElement data, string productId) => new()
    {
        ProductId = LenientJson.String(LenientJson.Get(data, "product_id", "productId")) ?? productId,
        Properties = List(LenientJson.Get(data, "properties"), Property),
        Events = List(LenientJson.Get(data, "events"), Event),
        Services = List(LenientJson.Get(data, "services"), Service),
    };

    private static ApiThingProperty Property(JsonElement item) => new()
    {
        Identifier = Text(item, "identifier") ?? "",
        Name = Text(item, "name"),
        Description = Text(item, "desc", "description"),
        AccessMode = OpenApiReader.AccessModeOf(Text(item, "accessMode", "access_mode")),
        FunctionType = Text(item, "functionType", "function_type"),
        DataType = DataType(LenientJson.Get(item, "dataType", "data_type")),
    };

    private static ApiThingEvent Event(JsonElement item) => new()
    {
        Identifier = Text(item, "identifier") ?? "",
        Name = Text(item, "name"),
        Description = Text(item, "desc", "description"),
        EventType = OpenApiReader.EventTypeOf(LenientJson.Get(item, "eventType", "type")),
        Output = List(LenientJson.Get(item, "outputData", "output"), Parameter),
    };

    private static ApiThingService Service(JsonElement item) => new()
    {
        Identifier = Text(item, "identifier") ?? "",
        Name = Text(item, "name"),
        Description = Text(item, "desc", "description"),
        CallType = OpenApiReader.CallTypeOf(Text(item, "callType", "call_type")),
        Input = List(LenientJson.Get(item, "input", "inputData"), Parameter),
        Output = List(LenientJson.Get(item, "output", "outputData"), Parameter),
    };

    private static ApiThingParameter Parameter(JsonElement item) => new()
    {
        Identifier = Text(item, "identifier") ?? "",
        Name = Text(item, "name"),
        DataType = DataType(LenientJson.Get(item, "dataType", "data_type")),
    };

    private static ApiDataType DataType(JsonElement element)
    {
        // Some pages give the type as a bare name.
        var typeName = element.ValueKind == JsonValueKind.String ? element.GetString()! : Text(element, "type") ?? "unknown";
        var type = ThingDataTypeNames.Parse(typeName);
        var specs = LenientJson.Get(element, "specs");
        var dataType = new ApiDataType { Type = type, TypeName = typeName };
        switch (type)
        {
            case ThingDataType.Int32 or ThingDataType.Int64 or ThingDataType.Float or ThingDataType.Double:
                return dataType with
                {
                    Min = LenientJson.Double(LenientJson.Get(specs, "min")),
                    Max = LenientJson.Double(LenientJson.Get(specs, "max")),
                    Step = LenientJson.Double(LenientJson.Get(specs, "step")),
                    Unit = Text(specs, "unit"),
                    UnitName = Text(specs, "unitName", "unit_name"),
                };
            case ThingDataType.String:
                return dataType with { Length = LenientJson.Int32(LenientJson.Get(specs, "length")) };
            case ThingDataType.Enum or ThingDataType.Bool:
                return dataType with { Values = Values(specs) };
            case ThingDataType.BitMap:
                return dataType with { Length = LenientJson.Int32(LenientJson.Get(specs, "length")), Values = Values(specs) };
            case ThingDataType.Struct:
                return dataType with { Fields = List(specs, Parameter) };
            case ThingDataType.Array:
                var item = LenientJson.Get(specs, "item");
                return dataType with
                {
                    Size = LenientJson.Int32(LenientJson.Get(specs, "size", "length")),
                    // {"item":{"type":"int32"}}, or the element type inline: {"length":"10","type":"struct","specs":[…]}.
                    Item = !LenientJson.IsMissing(item) ? DataType(item)
                        : !LenientJson.IsMissing(LenientJson.Get(specs, "type")) ? DataType(specs)
                        : null,
                };
            default:
                return dataType;
        }
    }

    /// <summary>
    /// <c>{"1":"mode 1","2":"mode 2"}</c> or <c>[{"value":1,"name":"mode 1"}]</c>; a bool's <c>{"false":"off","true":"on"}</c>
    /// as 0 and 1; other keys that are not numbers are skipped.
    /// </summary>
    private static IReadOnlyDictionary<long, string>? Values(JsonElement specs)
    {
        var values = new SortedDictionary<long, string>();
        if (specs.ValueKind == JsonValueKind.Object)
        {
            foreach (var entry in specs.EnumerateObject())
            {
                if (long.TryParse(entry.Name, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var key)
                    || (bool.TryParse(entry.Name, out var flag) && (key = flag ? 1 : 0) >= 0))
                {
                    values[key] = LenientJson.String(entry.Value) ?? "";
                }
            }
        }
        else if (specs.ValueKind == JsonValueKind.Array)
        {
            foreach (var entry in specs.EnumerateArray())
            {
                if (LenientJson.Int64(LenientJson.Get(entry, "value")) is { } key)
                {
                    values[key] = Text(entry, "name", "desc") ?? "";
                }
            }
        }
        return values.Count == 0 ? null : values;
    }

    private static IReadOnlyList<T> List<T>(JsonElement list, Func<JsonElement, T> read) =>
        list.ValueKind == JsonValueKind.Array ? list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).Select(read).ToList() : [];

    private static string? Text(JsonElement element, string name) => LenientJson.String(LenientJson.Get(element, name));

    private static string? Text(JsonElement element, string name, string alternative) =>
        LenientJson.String(LenientJson.Get(element, name, alternative));
}
