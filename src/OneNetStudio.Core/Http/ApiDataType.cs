namespace OneNetStudio.Core.Http;

/// <summary>
/// A thing-model data type with its specs. Which members are set depends on <see cref="Type"/>: numbers have a range,
/// step and unit; a string has a length; enum, bool and bitMap name their values; a struct has fields; an array has a
/// size and an item type.
/// </summary>
public sealed record ApiDataType
{
    public required ThingDataType Type { get; init; }

    /// <summary>The name as the platform spelled it (<c>int32</c>, <c>bitMap</c>, …), also for a type this version does not know.</summary>
    public required string TypeName { get; init; }

    public double? Min { get; init; }
    public double? Max { get; init; }
    public double? Step { get; init; }
    public string? Unit { get; init; }
    public string? UnitName { get; init; }

    /// <summary>A string's maximum length, or a bitMap's number of bits.</summary>
    public int? Length { get; init; }

    /// <summary>An array's number of elements.</summary>
    public int? Size { get; init; }

    /// <summary>Enum, bool and bitMap: each value (or bit) and its name, from specs such as <c>{"1":"mode 1"}</c>.</summary>
    public IReadOnlyDictionary<long, string>? Values { get; init; }

    /// <summary>A struct's fields, in the thing model's order.</summary>
    public IReadOnlyList<ApiThingParameter>? Fields { get; init; }

    /// <summary>An array's element type.</summary>
    public ApiDataType? Item { get; init; }

    public static ApiDataType Of(ThingDataType type) => new() { Type = type, TypeName = ThingDataTypeNames.ToName(type) };

    public override string ToString() => TypeName;
}
