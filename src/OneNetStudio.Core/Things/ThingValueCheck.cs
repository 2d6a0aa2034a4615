using System.Collections;
using System.Collections.Specialized;
using System.Globalization;
using OneNetStudio.Core.Http;

namespace OneNetStudio.Core.Things;

/// <summary>
/// Checks one value against a thing-model data type and converts what converts exactly: a string holding a number,
/// a boolean, an enum key or a date (the CSV case), a whole double for an integer type, 0/1 for a bool, a date and
/// time for a date (epoch milliseconds). Collects the problems and a sentence per conversion.
/// </summary>
internal sealed class ThingValueCheck(Func<object?, object?>? unwrap, List<ThingCheckProblem> problems, List<string> conversions)
{
    private const int MaxDepth = 32;

    public object? Check(object? raw, ApiDataType type, string identifier, string path, int depth = 0)
    {
        var value = unwrap is null ? raw : unwrap(raw);
        if (value is null)
        {
            return WrongType(identifier, path, type, value);
        }
        switch (type.Type)
        {
            case ThingDataType.Int32:
                return Whole(value, type, identifier, path, int.MinValue, int.MaxValue, w => (int)w);
            case ThingDataType.Int64:
                return Whole(value, type, identifier, path, long.MinValue, long.MaxValue, w => w);
            case ThingDataType.Float or ThingDataType.Double:
                return Real(value, type, identifier, path);
            case ThingDataType.Bool:
                return Boolean(value, type, identifier, path);
            case ThingDataType.Enum:
                return Enum(value, type, identifier, path);
            case ThingDataType.BitMap:
                return BitMap(value, type, identifier, path);
            case ThingDataType.String:
                return Text(value, type, identifier, path);
            case ThingDataType.Date:
                return Date(value, type, identifier, path);
            case ThingDataType.Struct when depth < MaxDepth:
                return Struct(value, type, identifier, path, depth);
            case ThingDataType.Array when depth < MaxDepth:
                return Array(value, type, identifier, path, depth);
            default:
                return value; // a type this version does not know: the platform decides
        }
    }

    /// <summary>The data type and its range in words: <c>int32 from 0 to 100</c>, <c>enum: 0 (auto), 1 (eco)</c>.</summary>
    public static string Describe(ApiDataType type) => type.Type switch
    {
        ThingDataType.Int32 or ThingDataType.Int64 or ThingDataType.Float or ThingDataType.Double => type.TypeName + Range(type),
        ThingDataType.Bool => type.Values is { Count: > 0 } labels
            ? $"bool: true or false (or {string.Join(", ", labels.Select(l => $"{l.Key} {l.Value}"))})"
            : "bool: true or false",
        ThingDataType.Enum => type.Values is { Count: > 0 } values ? $"enum: {Names(values)}" : "enum: a whole number",
        ThingDataType.BitMap => type.Length is >= 1 and <= 62 ? $"bitMap of {type.Length} bits: 0 to {(1L << type.Length.Value) - 1}" : "bitMap: a whole number from 0",
        ThingDataType.String => type.Length is { } length ? $"string of at most {length} characters" : "string",
        ThingDataType.Date => "date: epoch milliseconds, or a date and time",
        ThingDataType.Struct => type.Fields is { Count: > 0 } fields ? $"struct of {string.Join(", ", fields.Select(f => f.Identifier))}" : "struct",
        ThingDataType.Array => $"array{(type.Size is { } size ? $" of at most {size}" : "")}{(type.Item is { } item ? $" {Describe(item)}" : "")}",
        _ => type.TypeName,
    };

    private object? Whole(object value, ApiDataType type, string identifier, string path, long lowest, long highest, Func<long, object> box)
    {
        if (!TryWhole(value, out var whole, out var exactType))
        {
            return WrongType(identifier, path, type, value);
        }
        if (whole < lowest || whole > highest || (type.Min is { } min && whole < min) || (type.Max is { } max && whole > max))
        {
            return OutOfRange(identifier, path, type, value);
        }
        if (exactType)
        {
            return value;
        }
        Converted(path, value, type, whole.ToString(CultureInfo.InvariantCulture));
        return box(whole);
    }

    private object? Real(object value, ApiDataType type, string identifier, string path)
    {
        double number;
        var converted = false;
        switch (value)
        {
            case sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal:
                number = System.Convert.ToDouble(value, CultureInfo.InvariantCulture);
                break;
            case string text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number):
                converted = true;
                break;
            default:
                return WrongType(identifier, path, type, value);
        }
        if (!double.IsFinite(number))
        {
            return WrongType(identifier, path, type, value);
        }
        if ((type.Min is { } min && number < min) || (type.Max is { } max && number > max))
        {
            return OutOfRange(identifier, path, type, value);
        }
        if (!converted)
        {
            return value;
        }
        Converted(path, value, type, number.ToString("R", CultureInfo.InvariantCulture));
        return number;
    }

    private object? Boolean(object value, ApiDataType type, string identifier, string path)
    {
        if (value is bool)
        {
            return value;
        }
        bool? flag = value switch
        {
            sbyte or byte or short or ushort or int or uint or long or ulong when TryWhole(value, out var bit, out _) && bit is 0 or 1 => bit == 1,
            string text => text.Trim().ToLowerInvariant() switch
            {
                "true" or "1" => true,
                "false" or "0" => false,
                var other => type.Values?.Where(v => string.Equals(v.Value, other, StringComparison.OrdinalIgnoreCase)).Select(v => v.Key).ToList() is [var key and (0 or 1)] ? key == 1 : null,
            },
            _ => null,
        };
        if (flag is not { } result)
        {
            return WrongType(identifier, path, type, value);
        }
        Converted(path, value, type, result ? "true" : "false");
        return result;
    }

    private object? Enum(object value, ApiDataType type, string identifier, string path)
    {
        long key;
        var exactType = false;
        if (TryWhole(value, out var whole, out var integral))
        {
            key = whole;
            exactType = integral;
        }
        else if (value is string name && type.Values?.Where(v => string.Equals(v.Value, name.Trim(), StringComparison.OrdinalIgnoreCase)).Select(v => v.Key).ToList() is [var named])
        {
            key = named;
        }
        else
        {
            return WrongType(identifier, path, type, value);
        }
        if (type.Values is { Count: > 0 } values && !values.ContainsKey(key))
        {
            return OutOfRange(identifier, path, type, value);
        }
        if (exactType)
        {
            return value;
        }
        Converted(path, value, type, key.ToString(CultureInfo.InvariantCulture));
        return key;
    }

    private object? BitMap(object value, ApiDataType type, string identifier, string path)
    {
        if (!TryWhole(value, out var bits, out var exactType))
        {
            return WrongType(identifier, path, type, value);
        }
        if (bits < 0 || (type.Length is >= 1 and <= 62 && bits >= 1L << type.Length.Value))
        {
            return OutOfRange(identifier, path, type, value);
        }
        if (exactType)
        {
            return value;
        }
        Converted(path, value, type, bits.ToString(CultureInfo.InvariantCulture));
        return bits;
    }

    private object? Text(object value, ApiDataType type, string identifier, string path)
    {
        var text = value switch
        {
            string s => s,
            char c => c.ToString(),
            _ => null,
        };
        if (text is null)
        {
            return WrongType(identifier, path, type, value);
        }
        return type.Length is { } length && text.Length > length ? OutOfRange(identifier, path, type, value) : value;
    }

    private object? Date(object value, ApiDataType type, string identifier, string path)
    {
        long milliseconds;
        var exactType = false;
        switch (value)
        {
            case DateTimeOffset time:
                milliseconds = time.ToUnixTimeMilliseconds();
                break;
            case DateTime time:
                // PowerShell's convention: a time without a kind is local.
                milliseconds = new DateTimeOffset(time.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(time, DateTimeKind.Local) : time).ToUnixTimeMilliseconds();
                break;
            case string text when long.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var parsed):
                milliseconds = parsed;
                break;
            case string text when DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var parsedTime):
                milliseconds = parsedTime.ToUnixTimeMilliseconds();
                break;
            default:
                if (!TryWhole(value, out milliseconds, out exactType))
                {
                    return WrongType(identifier, path, type, value);
                }
                break;
        }
        if (milliseconds < 0)
        {
            return OutOfRange(identifier, path, type, value);
        }
        if (exactType)
        {
            return value;
        }
        Converted(path, value, type, $"{milliseconds.ToString(CultureInfo.InvariantCulture)} ({DateTimeOffset.FromUnixTimeMilliseconds(milliseconds):yyyy-MM-dd HH:mm:ss.fff} UTC)");
        return milliseconds;
    }

    private object? Struct(object value, ApiDataType type, string identifier, string path, int depth)
    {
        if (value is not IDictionary members)
        {
            return WrongType(identifier, path, type, value);
        }
        if (type.Fields is not { Count: > 0 } fields)
        {
            return value;
        }
        var result = new OrderedDictionary(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (DictionaryEntry member in members)
        {
            var key = (unwrap is null ? member.Key : unwrap(member.Key))?.ToString() ?? "";
            var field = fields.FirstOrDefault(f => f.Identifier == key);
            if (field is null)
            {
                var nearest = NearestIdentifier.Find(key, fields.Select(f => f.Identifier));
                problems.Add(new ThingCheckProblem(identifier, $"{path}.{key}", ThingCheckProblemKind.Unknown,
                    $"'{path}' has no field '{key}'{DidYouMean(nearest)}; its fields are {string.Join(", ", fields.Select(f => f.Identifier))}.", nearest));
                continue;
            }
            seen.Add(key);
            result[key] = Check(member.Value, field.DataType, identifier, $"{path}.{key}", depth + 1);
        }
        foreach (var missing in fields.Where(f => !seen.Contains(f.Identifier)))
        {
            problems.Add(new ThingCheckProblem(identifier, $"{path}.{missing.Identifier}", ThingCheckProblemKind.WrongType,
                $"'{path}' needs its field '{missing.Identifier}' ({Describe(type)}).", Expected: Describe(type)));
        }
        return result;
    }

    private object? Array(object value, ApiDataType type, string identifier, string path, int depth)
    {
        if (value is string or IDictionary || value is not IEnumerable list)
        {
            return WrongType(identifier, path, type, value);
        }
        var items = list.Cast<object?>().ToList();
        if (type.Size is { } size && items.Count > size)
        {
            problems.Add(new ThingCheckProblem(identifier, path, ThingCheckProblemKind.OutOfRange,
                $"'{path}' holds at most {size} values ({Describe(type)}), got {items.Count}.", Expected: Describe(type)));
            return value;
        }
        return type.Item is { } item
            ? items.Select((element, index) => Check(element, item, identifier, $"{path}[{index}]", depth + 1)).ToArray()
            : items.ToArray();
    }

    /// <summary>A whole number: any integer type, a whole float, double or decimal, or a string holding one.</summary>
    private static bool TryWhole(object value, out long whole, out bool exactType)
    {
        exactType = false;
        whole = 0;
        switch (value)
        {
            case sbyte or byte or short or ushort or int or uint or long:
                whole = System.Convert.ToInt64(value, CultureInfo.InvariantCulture);
                exactType = true;
                return true;
            case ulong unsigned when unsigned <= long.MaxValue:
                whole = (long)unsigned;
                exactType = true;
                return true;
            case float or double:
                var real = System.Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (!double.IsFinite(real) || real != Math.Floor(real) || Math.Abs(real) > 9.2e18)
                {
                    return false;
                }
                whole = (long)real;
                return true;
            case decimal exact:
                return TryWhole(exact, out whole);
            case string text:
                return long.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out whole)
                    || (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsedExact) && TryWhole(parsedExact, out whole));
            default:
                return false;
        }
    }

    private static bool TryWhole(decimal number, out long whole)
    {
        whole = 0;
        if (number != decimal.Truncate(number) || number < long.MinValue || number > long.MaxValue)
        {
            return false;
        }
        whole = (long)number;
        return true;
    }

    private object? WrongType(string identifier, string path, ApiDataType type, object? value)
    {
        var expected = Describe(type);
        problems.Add(new ThingCheckProblem(identifier, path, ThingCheckProblemKind.WrongType, $"'{path}' expects {expected}, got {Show(value)}.", Expected: expected));
        return value;
    }

    private object? OutOfRange(string identifier, string path, ApiDataType type, object value)
    {
        var expected = Describe(type);
        problems.Add(new ThingCheckProblem(identifier, path, ThingCheckProblemKind.OutOfRange, $"'{path}' is out of range for {expected}: got {Show(value)}.", Expected: expected));
        return value;
    }

    private void Converted(string path, object from, ApiDataType type, string to) =>
        conversions.Add($"'{path}': {Show(from)} was converted to the {type.TypeName} {to}.");

    internal static string DidYouMean(string? nearest) => nearest is null ? "" : $" (did you mean '{nearest}'?)";

    private static string Range(ApiDataType type) => (type.Min, type.Max) switch
    {
        ({ } min, { } max) => $" from {Number(min)} to {Number(max)}",
        ({ } min, null) => $" from {Number(min)}",
        (null, { } max) => $" up to {Number(max)}",
        _ => "",
    };

    private static string Number(double number) => number.ToString("R", CultureInfo.InvariantCulture);

    private static string Names(IReadOnlyDictionary<long, string> values) =>
        string.Join(", ", values.Select(v => string.IsNullOrEmpty(v.Value) ? v.Key.ToString(CultureInfo.InvariantCulture) : $"{v.Key} ({v.Value})"));

    /// <summary>A value as the messages show it: a quoted string (shortened), a number, or what kind of thing it is.</summary>
    internal static string Show(object? value) => value switch
    {
        null => "nothing (null)",
        string text => $"the string '{(text.Length <= 40 ? text : text[..40] + "…")}'",
        char c => $"the string '{c}'",
        bool flag => flag ? "true" : "false",
        sbyte or byte or short or ushort or int or uint or long or ulong or decimal => $"the number {System.Convert.ToString(value, CultureInfo.InvariantCulture)}",
        float or double => $"the number {System.Convert.ToDouble(value, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture)}",
        DateTime or DateTimeOffset => $"the date {value:yyyy-MM-dd HH:mm:ss}",
        IDictionary => "a dictionary",
        IEnumerable => "a list",
        _ => $"a {value.GetType().Name}",
    };
}
