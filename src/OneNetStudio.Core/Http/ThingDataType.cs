namespace OneNetStudio.Core.Http;

/// <summary>The data types of the thing model (product.md 2.7); <see cref="Unknown"/> for a name the platform may add later.</summary>
public enum ThingDataType
{
    Unknown,
    Int32,
    Int64,
    Float,
    Double,
    Bool,
    String,
    Enum,
    BitMap,
    Date,
    Struct,
    Array,
}
