namespace OneNetStudio.Core.Http;

/// <summary>Reads the platform's data type names, with the spellings other OneNET pages and SDKs use.</summary>
public static class ThingDataTypeNames
{
    public static ThingDataType Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "int32" or "int" or "integer" => ThingDataType.Int32,
        "int64" or "long" => ThingDataType.Int64,
        "float" => ThingDataType.Float,
        "double" => ThingDataType.Double,
        "bool" or "boolean" => ThingDataType.Bool,
        "string" or "text" => ThingDataType.String,
        "enum" => ThingDataType.Enum,
        "bitmap" => ThingDataType.BitMap,
        "date" => ThingDataType.Date,
        "struct" => ThingDataType.Struct,
        "array" => ThingDataType.Array,
        _ => ThingDataType.Unknown,
    };

    /// <summary>The platform's own spelling.</summary>
    public static string ToName(ThingDataType type) => type switch
    {
        ThingDataType.Int32 => "int32",
        ThingDataType.Int64 => "int64",
        ThingDataType.Float => "float",
        ThingDataType.Double => "double",
        ThingDataType.Bool => "bool",
        ThingDataType.String => "string",
        ThingDataType.Enum => "enum",
        ThingDataType.BitMap => "bitMap",
        ThingDataType.Date => "date",
        ThingDataType.Struct => "struct",
        ThingDataType.Array => "array",
        _ => "unknown",
    };
}
