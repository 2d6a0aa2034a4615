using System.Collections.Specialized;
using System.Globalization;
using System.Text.Json;

namespace OneNetStudio;

/// <summary>Turns JSON values into the natural .NET types PowerShell users work with.</summary>
internal static class JsonValues
{
    /// <summary>
    /// Whole numbers become long, other numbers double; objects become case-insensitive ordered dictionaries (so
    /// <c>$v.level</c> works in PowerShell) and arrays object[].
    /// </summary>
    public static object? ToNatural(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.Number => ToNumber(element),
        JsonValueKind.Array => element.EnumerateArray().Select(ToNatural).ToArray(),
        _ => ToDictionary(element),
    };

    public static string Display(object? value) => value switch
    {
        null => "null",
        string s => s,
        bool b => b ? "true" : "false",
        double d when double.IsFinite(d) && d == Math.Floor(d) && Math.Abs(d) < 1e15 => d.ToString("0.0", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        OrderedDictionary map => "{" + string.Join(", ", map.Keys.Cast<object>().Select(k => $"{k}={Display(map[k])}")) + "}",
        object?[] items => "[" + string.Join(", ", items.Select(Display)) + "]",
        _ => value.ToString() ?? string.Empty,
    };

    private static object ToNumber(JsonElement element)
    {
        var raw = element.GetRawText();
        if (raw.AsSpan().IndexOfAny('.', 'e', 'E') < 0 && element.TryGetInt64(out var whole))
        {
            return whole;
        }
        return element.GetDouble();
    }

    private static OrderedDictionary ToDictionary(JsonElement element)
    {
        var map = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
        foreach (var property in element.EnumerateObject())
        {
            map[property.Name] = ToNatural(property.Value);
        }
        return map;
    }
}
