using System.Collections.Specialized;
using System.Text;
using System.Text.Json;

namespace OneNetStudio.Core.Messages;

/// <summary>
/// The values of <c>JsonValues.ToNatural</c> read straight from a <see cref="Utf8JsonReader"/>, without a document:
/// whole numbers long, other numbers double, objects case-insensitive ordered dictionaries, arrays object[].
/// Every method leaves the reader on the last token of the value it read.
/// </summary>
internal static class JsonReaderValues
{
    private static readonly object True = true;
    private static readonly object False = false;

    public static object? Natural(ref Utf8JsonReader reader, Utf8NameCache names) => reader.TokenType switch
    {
        JsonTokenType.String => names.Get(ref reader),
        JsonTokenType.True => True,
        JsonTokenType.False => False,
        JsonTokenType.Number => Number(ref reader),
        JsonTokenType.StartArray => Array(ref reader, names),
        JsonTokenType.StartObject => Dictionary(ref reader, names),
        _ => null,
    };

    /// <summary>A string as itself; anything else as its JSON text (a number's digits, an object's braces).</summary>
    public static string Text(ref Utf8JsonReader reader, ReadOnlySpan<byte> payload)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString()!;
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                return Encoding.UTF8.GetString(payload[start..(int)reader.BytesConsumed]);
            default:
                return Encoding.UTF8.GetString(reader.ValueSpan);
        }
    }

    /// <summary>Milliseconds since the epoch as a time; null for anything else (the reader skips past it).</summary>
    public static DateTimeOffset? UnixMilliseconds(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            reader.Skip();
            return null;
        }
        return reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var ms) && ms is > -62135596800000 and < 253402300800000
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;
    }

    /// <summary>The string, or null for any other token (skipped).</summary>
    public static string? StringOrNull(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }
        reader.Skip();
        return null;
    }

    private static object Number(ref Utf8JsonReader reader) =>
        reader.ValueSpan.IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0 && reader.TryGetInt64(out var whole) ? whole : (object)reader.GetDouble();

    private static object?[] Array(ref Utf8JsonReader reader, Utf8NameCache names)
    {
        var items = new List<object?>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(Natural(ref reader, names));
        }
        return items.ToArray();
    }

    private static OrderedDictionary Dictionary(ref Utf8JsonReader reader, Utf8NameCache names)
    {
        var map = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = names.Get(ref reader);
            reader.Read();
            map[name] = Natural(ref reader, names);
        }
        return map;
    }
}
