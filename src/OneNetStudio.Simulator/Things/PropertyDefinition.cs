using System.Text.Json;

namespace OneNetStudio.Simulator.Things;

/// <summary>One property of a thing model, with the value checks the platform applies to a set.</summary>
public sealed record PropertyDefinition(string Identifier, string Name, ThingValueType Type, bool ReadOnly = false, string Description = "")
{
    public ThingDataType DataType => Type.Kind;

    /// <summary>Converts a JSON value of a set request into the stored value, or explains why the type is wrong.</summary>
    public bool TryConvert(JsonElement value, out object? converted, out string problem) =>
        Type.TryConvert(value, Identifier, out converted, out problem);

    public string Describe() => Type.Describe();
}
