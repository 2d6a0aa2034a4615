using System.Globalization;
using System.Text.Json;

namespace OneNetStudio.Simulator.Things;

/// <summary>
/// A thing-model data type with its specs (range, enum values, length, struct fields, array element): what a
/// property, an event output or a service parameter holds, and the checks the platform applies to a value of it.
/// Values are held as <c>long</c> (int32, int64, enum, bitMap, date), <c>double</c> (float, double), <c>bool</c>,
/// <c>string</c>, an ordered <c>IReadOnlyDictionary&lt;string, object?&gt;</c> (struct) or an
/// <c>IReadOnlyList&lt;object?&gt;</c> (array).
/// </summary>
public sealed class ThingValueType
{
    private ThingValueType(ThingDataType kind) => Kind = kind;

    public ThingDataType Kind { get; }
    /// <summary>The range and step of a number (decimal, so that int64 bounds and steps like 0.1 stay exact).</summary>
    public decimal? Min { get; private init; }
    public decimal? Max { get; private init; }
    public decimal? Step { get; private init; }
    public string? Unit { get; private init; }

    /// <summary>Most characters of a string, bits of a bitMap, elements of an array.</summary>
    public int? Length { get; private init; }

    /// <summary>The values of an enum and what each means.</summary>
    public IReadOnlyDictionary<long, string>? EnumValues { get; private init; }

    /// <summary>What false and true of a bool mean.</summary>
    public (string False, string True)? BoolLabels { get; private init; }

    /// <summary>
    /// A string the simulated device accepts only from this list (the platform would check only the length; the
    /// simulator's "Power" has always been "on" or "off").
    /// </summary>
    public IReadOnlyList<string>? AllowedValues { get; private init; }

    public IReadOnlyList<ThingField>? Fields { get; private init; }
    public ThingValueType? Element { get; private init; }

    public static ThingValueType Int32(long min = int.MinValue, long max = int.MaxValue, long step = 1, string? unit = null) =>
        new(ThingDataType.Int32) { Min = min, Max = max, Step = step, Unit = unit };

    public static ThingValueType Int64(long min = long.MinValue, long max = long.MaxValue, long step = 1, string? unit = null) =>
        new(ThingDataType.Int64) { Min = min, Max = max, Step = step, Unit = unit };

    public static ThingValueType Float(double min, double max, double step = 0.1, string? unit = null) =>
        new(ThingDataType.Float) { Min = (decimal)min, Max = (decimal)max, Step = (decimal)step, Unit = unit };

    public static ThingValueType Double(double min, double max, double step = 0.001, string? unit = null) =>
        new(ThingDataType.Double) { Min = (decimal)min, Max = (decimal)max, Step = (decimal)step, Unit = unit };

    public static ThingValueType Bool(string falseMeans = "off", string trueMeans = "on") =>
        new(ThingDataType.Bool) { BoolLabels = (falseMeans, trueMeans) };

    public static ThingValueType String(int length = 255, IReadOnlyList<string>? allowedValues = null) =>
        new(ThingDataType.String) { Length = length, AllowedValues = allowedValues };

    public static ThingValueType Enum(IReadOnlyDictionary<long, string> values) =>
        values.Count == 0 ? throw new ArgumentException("An enum needs values.", nameof(values)) : new(ThingDataType.Enum) { EnumValues = values };

    public static ThingValueType BitMap(int bits) =>
        bits is < 1 or > 62 ? throw new ArgumentOutOfRangeException(nameof(bits)) : new(ThingDataType.BitMap) { Length = bits };

    public static ThingValueType Date() => new(ThingDataType.Date);

    public static ThingValueType Struct(IReadOnlyList<ThingField> fields) =>
        fields.Count == 0 ? throw new ArgumentException("A struct needs fields.", nameof(fields)) : new(ThingDataType.Struct) { Fields = fields };

    public static ThingValueType Array(ThingValueType element, int length) =>
        element.Kind is ThingDataType.Array ? throw new ArgumentException("An array of arrays is not a thing-model type.", nameof(element))
        : new(ThingDataType.Array) { Element = element, Length = length };

    /// <summary>Converts a JSON value into the stored value, or explains (naming <paramref name="path"/>) why it does not fit.</summary>
    public bool TryConvert(JsonElement value, string path, out object? converted, out string problem)
    {
        converted = null;
        problem = string.Empty;
        switch (Kind)
        {
            case ThingDataType.Float or ThingDataType.Double when value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var d) && double.IsFinite(d):
                return InRange(d, path, out problem) && Assign(d, out converted);
            case ThingDataType.Int32 when value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var i) && i is >= int.MinValue and <= int.MaxValue:
                return InRange(i, path, out problem) && Assign(i, out converted);
            case ThingDataType.Int64 when value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var l):
                return InRange(l, path, out problem) && Assign(l, out converted);
            case ThingDataType.Enum when value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var e) && EnumValues!.ContainsKey(e):
                return Assign(e, out converted);
            case ThingDataType.BitMap when value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var b) && b >= 0 && b < (1L << Length!.Value):
                return Assign(b, out converted);
            case ThingDataType.Date when value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var ms) && ms >= 0:
                return Assign(ms, out converted);
            case ThingDataType.Bool when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                return Assign(value.GetBoolean(), out converted);
            case ThingDataType.String when value.ValueKind == JsonValueKind.String
                                          && value.GetString() is { } text
                                          && text.Length <= Length
                                          && (AllowedValues is null || AllowedValues.Contains(text)):
                return Assign(text, out converted);
            case ThingDataType.Struct when value.ValueKind == JsonValueKind.Object:
                return TryConvertStruct(value, path, out converted, out problem);
            case ThingDataType.Array when value.ValueKind == JsonValueKind.Array:
                return TryConvertArray(value, path, out converted, out problem);
            default:
                problem = $"'{path}' expects {Describe()}, got {value.ValueKind.ToString().ToLowerInvariant()} {Shorten(value.GetRawText())}";
                return false;
        }
    }

    public string Describe() => Kind switch
    {
        ThingDataType.String when AllowedValues is not null => $"one of {string.Join(", ", AllowedValues.Select(v => $"\"{v}\""))}",
        ThingDataType.String => $"a string of at most {Length} characters",
        ThingDataType.Float => "a number (float)",
        ThingDataType.Double => "a number (double)",
        ThingDataType.Int32 => "a whole number (int32)",
        ThingDataType.Int64 => "a whole number (int64)",
        ThingDataType.Enum => $"one of {string.Join(", ", EnumValues!.Keys)} (enum)",
        ThingDataType.BitMap => $"a whole number of {Length} bits (bitMap, 0 to {(1L << Length!.Value) - 1})",
        ThingDataType.Date => "epoch milliseconds (date)",
        ThingDataType.Bool => "true or false (bool)",
        ThingDataType.Struct => $"an object with {string.Join(", ", Fields!.Select(f => f.Identifier))} (struct)",
        ThingDataType.Array => $"an array of at most {Length} {Element!.Describe()}",
        _ => Kind.ToPlatformName(),
    };

    /// <summary>A plausible random value of this type (for events and service outputs the simulated device makes up).</summary>
    public object? Sample(Random random, long nowMs) => Kind switch
    {
        ThingDataType.Int32 or ThingDataType.Int64 => random.NextInt64((long)SampleLow(), (long)SampleHigh() + 1),
        ThingDataType.Float or ThingDataType.Double => Math.Round(SampleLow() + (random.NextDouble() * (SampleHigh() - SampleLow())), Kind == ThingDataType.Float ? 1 : 3),
        ThingDataType.Enum => EnumValues!.Keys.ElementAt(random.Next(EnumValues.Count)),
        ThingDataType.BitMap => (long)random.Next(0, 1 << Math.Min(Length!.Value, 30)),
        ThingDataType.Date => nowMs,
        ThingDataType.Bool => random.Next(2) == 1,
        ThingDataType.String => AllowedValues is { Count: > 0 } allowed ? allowed[random.Next(allowed.Count)] : "sample",
        ThingDataType.Struct => Fields!.ToDictionary(f => f.Identifier, f => f.Type.Sample(random, nowMs), StringComparer.Ordinal),
        ThingDataType.Array => Enumerable.Range(0, Math.Min(Length!.Value, 3)).Select(_ => Element!.Sample(random, nowMs)).ToList(),
        _ => null,
    };

    // A range as wide as int64 is no use for made-up values: samples stay within 100 of a bound, or of 0.
    private double SampleLow() => Min is { } min && min > -1_000_000 ? (double)min : 0;
    private double SampleHigh() => Math.Max(SampleLow(), Max is { } max && max < 1_000_000 ? (double)max : SampleLow() + 100);

    private bool TryConvertStruct(JsonElement value, string path, out object? converted, out string problem)
    {
        converted = null;
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            if (Fields!.All(f => f.Identifier != property.Name))
            {
                problem = $"'{path}' has no field '{property.Name}' (it has {string.Join(", ", Fields!.Select(f => f.Identifier))})";
                return false;
            }
        }
        foreach (var field in Fields!)
        {
            if (!value.TryGetProperty(field.Identifier, out var member))
            {
                problem = $"'{path}' needs its field '{field.Identifier}'";
                return false;
            }
            if (!field.Type.TryConvert(member, $"{path}.{field.Identifier}", out var item, out problem))
            {
                return false;
            }
            result[field.Identifier] = item;
        }
        problem = string.Empty;
        converted = result;
        return true;
    }

    private bool TryConvertArray(JsonElement value, string path, out object? converted, out string problem)
    {
        converted = null;
        if (value.GetArrayLength() > Length)
        {
            problem = $"'{path}' holds at most {Length} values, got {value.GetArrayLength()}";
            return false;
        }
        var result = new List<object?>(value.GetArrayLength());
        var index = 0;
        foreach (var element in value.EnumerateArray())
        {
            if (!Element!.TryConvert(element, $"{path}[{index++}]", out var item, out problem))
            {
                return false;
            }
            result.Add(item);
        }
        problem = string.Empty;
        converted = result;
        return true;
    }

    private bool InRange(double value, string path, out string problem) =>
        InRange((Min is { } min && value < (double)min) || (Max is { } max && value > (double)max), value.ToString(CultureInfo.InvariantCulture), path, out problem);

    private bool InRange(long value, string path, out string problem) =>
        InRange((Min is { } min && value < min) || (Max is { } max && value > max), value.ToString(CultureInfo.InvariantCulture), path, out problem);

    private bool InRange(bool outside, string value, string path, out string problem)
    {
        problem = outside ? $"'{path}' must be between {Format(Min)} and {Format(Max)}, got {value}" : string.Empty;
        return !outside;
    }

    private static string Format(decimal? number) => number?.ToString(CultureInfo.InvariantCulture) ?? "any";

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";

    private static bool Assign(object? value, out object? converted)
    {
        converted = value;
        return true;
    }
}
