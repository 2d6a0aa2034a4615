namespace OneNetStudio.Simulator.Things;

/// <summary>The platform's spelling of each data type (<c>int32</c>, <c>bitMap</c>, ...), as QueryThingModel and QueryDeviceProperty write it.</summary>
public static class ThingDataTypeNames
{
    public static string ToPlatformName(this ThingDataType type) => type switch
    {
        ThingDataType.Int32 => "int32",
        ThingDataType.Int64 => "int64",
        ThingDataType.Float => "float",
        ThingDataType.Double => "double",
        ThingDataType.Enum => "enum",
        ThingDataType.Bool => "bool",
        ThingDataType.String => "string",
        ThingDataType.Struct => "struct",
        ThingDataType.BitMap => "bitMap",
        ThingDataType.Date => "date",
        ThingDataType.Array => "array",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not a thing-model data type."),
    };
}
