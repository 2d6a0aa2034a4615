using System.Globalization;
using System.Text.Json;

namespace OneNetStudio.Core.Http;

/// <summary>
/// Reads the platform's JSON the way 2.7 says it must be read: numbers may come as strings and strings as numbers,
/// times as milliseconds (number or string) or ISO-8601, with "0" and year 1 meaning never. Never throws: what
/// cannot be read is null.
/// </summary>
internal static class LenientJson
{
    // Below this a millisecond time would fall before March 1973: such a number is Unix seconds.
    private const long SmallestPlausibleMilliseconds = 100_000_000_000;

    /// <summary>The member, or an undefined element when <paramref name="element"/> is no object or lacks it.</summary>
    public static JsonElement Get(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;

    /// <summary>The first of the members that is present and not null (for fields the platform spells two ways).</summary>
    public static JsonElement Get(JsonElement element, string name, string alternative)
    {
        var value = Get(element, name);
        return IsMissing(value) ? Get(element, alternative) : value;
    }

    public static bool IsMissing(JsonElement value) => value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null;

    public static string? String(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    /// <summary>Text as the platform stored it: a string's content, any other value's JSON.</summary>
    public static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Undefined or JsonValueKind.Null => null,
        _ => value.GetRawText(),
    };

    public static long? Int64(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                if (value.TryGetInt64(out var whole))
                {
                    return whole;
                }
                return WholeOrNull(value.GetDouble());
            case JsonValueKind.String:
                var text = value.GetString()!.Trim();
                if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
                {
                    return parsed;
                }
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? WholeOrNull(number) : null;
            default:
                return null;
        }
    }

    public static int? Int32(JsonElement value) => Int64(value) is { } number and >= int.MinValue and <= int.MaxValue ? (int)number : null;

    public static double? Double(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => number,
        _ => null,
    };

    public static bool? Boolean(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => Int64(value) switch { 1 => true, 0 => false, _ => null },
        JsonValueKind.String => value.GetString()!.Trim().ToLowerInvariant() switch
        {
            "true" or "1" => true,
            "false" or "0" => false,
            _ => null,
        },
        _ => null,
    };

    /// <summary>
    /// A time in any of the platform's forms: epoch milliseconds as a number or a string, or ISO-8601. "0", 0, the
    /// epoch and <c>0001-01-01T00:00:00.000Z</c> all mean never: null.
    /// </summary>
    public static DateTimeOffset? Time(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                return FromEpoch(Int64(value));
            case JsonValueKind.String:
                var text = value.GetString()!.Trim();
                if (text.Length == 0)
                {
                    return null;
                }
                if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var epoch))
                {
                    return FromEpoch(epoch);
                }
                if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
                {
                    return time.Year <= 1 || time == DateTimeOffset.UnixEpoch ? null : time;
                }
                return null;
            default:
                return null;
        }
    }

    /// <summary>Epoch milliseconds (or, below 10^11, seconds) as a time; zero, negative or out of range is null.</summary>
    public static DateTimeOffset? FromEpoch(long? epoch)
    {
        if (epoch is not { } value || value <= 0)
        {
            return null;
        }
        var milliseconds = value < SmallestPlausibleMilliseconds ? value * 1000 : value;
        return milliseconds <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds() ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds) : null;
    }

    private static long? WholeOrNull(double number) =>
        double.IsFinite(number) && number == Math.Floor(number) && number >= -9.2233720368547758E18 && number < 9.2233720368547758E18 ? (long)number : null;
}
