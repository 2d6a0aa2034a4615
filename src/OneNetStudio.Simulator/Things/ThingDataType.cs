namespace OneNetStudio.Simulator.Things;

/// <summary>The thing-model data types the simulated devices use.</summary>
public enum ThingDataType
{
    Float,
    Int,
    Bool,

    /// <summary>A string restricted to <see cref="PropertyDefinition.AllowedValues"/>.</summary>
    Enum,
    String,
}
