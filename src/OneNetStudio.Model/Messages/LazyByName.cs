using System.Collections.Specialized;

namespace OneNetStudio;

/// <summary>The read-only, case-insensitive name -> value dictionary of a message, built once on first use.</summary>
internal static class LazyByName
{
    public static OrderedDictionary Build<T>(ref OrderedDictionary? field, IReadOnlyList<T> values, Func<T, string> nameOf)
    {
        var map = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
        foreach (var value in values)
        {
            map[nameOf(value)] = value;
        }
        // Two threads may both build; the first one stored wins, so every caller sees the same dictionary.
        return Interlocked.CompareExchange(ref field, map.AsReadOnly(), null) ?? field!;
    }
}
