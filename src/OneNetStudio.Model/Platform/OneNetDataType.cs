using System.Collections.Specialized;
using System.Globalization;

namespace OneNetStudio;

/// <summary>
/// A thing-model data type and its specs: numbers have a range, step and unit; a string its length; enum, bool and
/// bitMap name their values; a struct has fields; an array has a size and an item type.
/// </summary>
public sealed class OneNetDataType
{
    internal OneNetDataType()
    {
    }

    /// <summary>As the platform names it: int32, int64, float, double, bool, string, enum, bitMap, date, struct, array.</summary>
    public required string Type { get; init; }
    public double? Min { get; internal init; }
    public double? Max { get; internal init; }
    public double? Step { get; internal init; }
    public string? Unit { get; internal init; }

    /// <summary>A string's maximum length, or a bitMap's number of bits.</summary>
    public int? Length { get; internal init; }

    /// <summary>An array's number of elements.</summary>
    public int? Size { get; internal init; }

    /// <summary>Enum, bool and bitMap: each value (or bit) and its name.</summary>
    public OrderedDictionary? Values { get; internal init; }

    /// <summary>A struct's fields.</summary>
    public OneNetThingParameter[]? Fields { get; internal init; }

    /// <summary>An array's element type.</summary>
    public OneNetDataType? Item { get; internal init; }

    public override string ToString()
    {
        var text = Type;
        if (Min is not null || Max is not null)
        {
            text += $" [{Number(Min)}..{Number(Max)}]";
        }
        if (!string.IsNullOrEmpty(Unit))
        {
            text += " " + Unit;
        }
        if (Values is { Count: > 0 })
        {
            text += " {" + string.Join(", ", Values.Keys.Cast<object>().Select(k => $"{k}={Values[k]}")) + "}";
        }
        if (Fields is { Length: > 0 })
        {
            text += " {" + string.Join(", ", Fields.Select(f => $"{f.Name}: {f.DataType.Type}")) + "}";
        }
        if (Item is not null)
        {
            text += $" of {Item.Type}" + (Size is null ? "" : $" x{Size}");
        }
        else if (Length is not null && Type == "string")
        {
            text += $" (max {Length})";
        }
        return text;
    }

    // Whole numbers in full (an int64's range would otherwise read 9.223372036854776E+18).
    private static string Number(double? value) => value switch
    {
        null => "",
        { } whole when whole == Math.Floor(whole) && Math.Abs(whole) < 1e19 => whole.ToString("0", CultureInfo.InvariantCulture),
        { } other => other.ToString("G", CultureInfo.InvariantCulture),
    };
}
