using System.Buffers;
using System.Collections.Specialized;
using System.Text.Json;

namespace OneNetStudio.Core.Http;

/// <summary>
/// Turns the platform's values into .NET values typed by their thing-model data type: int32 → int, int64 → long,
/// float/double → double, bool → bool, string → string, enum/bitMap → long, date → <see cref="DateTimeOffset"/>,
/// struct → an <see cref="OrderedDictionary"/> (case-insensitive keys, members typed by the struct's fields), array →
/// object?[]. Without a type (or for a value that does not fit its type) the value keeps its JSON type, as messages
/// from the long connection do (whole numbers long, others double). Never throws.
/// </summary>
public static class ThingValueDecoder
{
    private const int MaxDepth = 64;

    /// <summary>
    /// A value as the HTTP API sends it: usually JSON-encoded text (<c>"600"</c>, <c>"false"</c>, <c>"{\"a\":1}"</c>),
    /// sometimes the JSON value itself; both are read. An empty string is no value (null) unless the type is string.
    /// </summary>
    public static object? Decode(JsonElement value, ApiDataType? type) => Decode(value, type, 0);

    /// <summary>JSON-encoded text (a stored request or response body, an <c>expect_value</c>), typed by <paramref name="type"/>.</summary>
    public static object? DecodeText(string? text, ApiDataType? type) => text is null ? null : DecodeText(text, type, 0);

    /// <summary>A JSON object's members typed by the given fields (a service's output, an event's value).</summary>
    public static OrderedDictionary? DecodeObject(JsonElement value, IReadOnlyList<ApiThingParameter>? fields) =>
        Decode(value, ApiThingModel.StructOf(fields ?? []), 0) as OrderedDictionary;

    private static object? Decode(JsonElement value, ApiDataType? type, int depth) => value.ValueKind switch
    {
        JsonValueKind.Undefined or JsonValueKind.Null => null,
        JsonValueKind.String => DecodeText(value.GetString()!, type, depth),
        _ => Convert(value, type, depth),
    };

    private static object? DecodeText(string text, ApiDataType? type, int depth)
    {
        var kind = type?.Type ?? ThingDataType.Unknown;
        if (kind == ThingDataType.String)
        {
            // "\"on\"" is the string on; a bare on (not JSON) is taken as it stands.
            if (!TryParse(text, out var document))
            {
                return text;
            }
            using (document)
            {
                return document.RootElement.ValueKind == JsonValueKind.String ? document.RootElement.GetString() : text;
            }
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (depth < MaxDepth && TryParse(text, out var parsed))
        {
            using (parsed)
            {
                return parsed.RootElement.ValueKind == JsonValueKind.String && kind is ThingDataType.Unknown
                    ? parsed.RootElement.GetString()
                    : Convert(parsed.RootElement, type, depth + 1);
            }
        }
        // Not JSON: read the bare text as the type says (an ISO date, a number with blanks), or keep it as text.
        if (kind is ThingDataType.Unknown or ThingDataType.Struct or ThingDataType.Array)
        {
            return text;
        }
        using var quoted = Quote(text);
        return Convert(quoted.RootElement, type, depth + 1);
    }

    private static object? Convert(JsonElement value, ApiDataType? type, int depth)
    {
        if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return null;
        }
        switch (type?.Type ?? ThingDataType.Unknown)
        {
            case ThingDataType.Int32:
                return LenientJson.Int64(value) switch
                {
                    { } whole and >= int.MinValue and <= int.MaxValue => (int)whole,
                    { } whole => whole,
                    null => Natural(value),
                };
            case ThingDataType.Int64:
                return LenientJson.Int64(value) ?? Natural(value);
            case ThingDataType.Float:
            case ThingDataType.Double:
                return LenientJson.Double(value) ?? Natural(value);
            case ThingDataType.Bool:
                return LenientJson.Boolean(value) ?? Natural(value);
            case ThingDataType.String:
                return LenientJson.Text(value);
            case ThingDataType.Enum:
            case ThingDataType.BitMap:
                return LenientJson.Int64(value) ?? Natural(value);
            case ThingDataType.Date:
                return value.ValueKind is JsonValueKind.Number or JsonValueKind.String ? LenientJson.Time(value) : Natural(value);
            case ThingDataType.Struct when value.ValueKind == JsonValueKind.Object && depth < MaxDepth:
                var map = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
                foreach (var member in value.EnumerateObject())
                {
                    var field = type!.Fields?.FirstOrDefault(f => f.Identifier == member.Name);
                    map[member.Name] = field is null ? Natural(member.Value) : Convert(member.Value, field.DataType, depth + 1);
                }
                return map;
            case ThingDataType.Array when value.ValueKind == JsonValueKind.Array && depth < MaxDepth:
                return value.EnumerateArray().Select(item => type!.Item is null ? Natural(item) : Convert(item, type.Item, depth + 1)).ToArray();
            case ThingDataType.Struct or ThingDataType.Array when value.ValueKind == JsonValueKind.String && depth < MaxDepth:
                // Encoded once more than usual.
                return DecodeText(value.GetString()!, type, depth + 1);
            default:
                return Natural(value);
        }
    }

    private static object? Natural(JsonElement value) => JsonValues.ToNatural(value);

    private static bool TryParse(string text, out JsonDocument document)
    {
        document = null!;
        // Most bare text (on, mode 1) cannot be JSON: say so without paying for an exception.
        var start = text.AsSpan().TrimStart();
        if (start.IsEmpty || !(start[0] is '{' or '[' or '"' or '-' or 't' or 'f' or 'n' || char.IsAsciiDigit(start[0])))
        {
            return false;
        }
        try
        {
            document = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static JsonDocument Quote(string text)
    {
        var buffer = new ArrayBufferWriter<byte>(text.Length + 16);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStringValue(text);
        }
        return JsonDocument.Parse(buffer.WrittenMemory);
    }
}
