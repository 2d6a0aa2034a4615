namespace OneNetStudio.Simulator.Things;

/// <summary>The data types of a OneNET thing model (product.md 2.7); <see cref="ThingDataTypeNames"/> spells them as the platform does.</summary>
public enum ThingDataType
{
    /// <summary>A whole number of 32 bits.</summary>
    Int32,

    /// <summary>A whole number of 64 bits.</summary>
    Int64,

    /// <summary>A single-precision number.</summary>
    Float,

    /// <summary>A double-precision number.</summary>
    Double,

    /// <summary>A whole number chosen from the keys of <see cref="ThingValueType.EnumValues"/>.</summary>
    Enum,

    /// <summary>true or false.</summary>
    Bool,

    /// <summary>Text of at most <see cref="ThingValueType.Length"/> characters.</summary>
    String,

    /// <summary>An object of named <see cref="ThingValueType.Fields"/>.</summary>
    Struct,

    /// <summary>A whole number read as <see cref="ThingValueType.Length"/> bits.</summary>
    BitMap,

    /// <summary>A UTC time as epoch milliseconds (int64).</summary>
    Date,

    /// <summary>At most <see cref="ThingValueType.Length"/> values of <see cref="ThingValueType.Element"/>.</summary>
    Array,
}
