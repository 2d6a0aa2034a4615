using System.Text.Json;

namespace OneNetStudio.Simulator.Things;

/// <summary>One property of a thing model, with the value checks the platform applies to a set.</summary>
public sealed record PropertyDefinition(string Identifier, ThingDataType DataType, bool ReadOnly = false, double Min = double.MinValue, double Max = double.MaxValue, IReadOnlyList<string>? AllowedValues = null)
{
    /// <summary>Converts a JSON value of a set request into the stored value, or explains why the type is wrong.</summary>
    public bool TryConvert(JsonElement value, out object? converted, out string problem)
    {
        converted = null;
        problem = string.Empty;
        switch (DataType)
        {
            case ThingDataType.Float when value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var d):
                return InRange(d, out problem) && Assign(d, out converted);
            case ThingDataType.Int when value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var l):
                return InRange(l, out problem) && Assign(l, out converted);
            case ThingDataType.Bool when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                return Assign(value.GetBoolean(), out converted);
            case ThingDataType.Enum when value.ValueKind == JsonValueKind.String && AllowedValues!.Contains(value.GetString()!):
                return Assign(value.GetString(), out converted);
            case ThingDataType.String when value.ValueKind == JsonValueKind.String:
                return Assign(value.GetString(), out converted);
            default:
                problem = $"'{Identifier}' expects {Describe()}, got {value.ValueKind.ToString().ToLowerInvariant()} {value.GetRawText()}";
                return false;
        }
    }

    public string Describe() => DataType switch
    {
        ThingDataType.Enum => $"one of {string.Join(", ", AllowedValues!.Select(v => $"\"{v}\""))}",
        ThingDataType.Float => "a number (float)",
        ThingDataType.Int => "a whole number (int32)",
        _ => DataType.ToString().ToLowerInvariant(),
    };

    private bool InRange(double value, out string problem)
    {
        problem = value < Min || value > Max ? $"'{Identifier}' must be between {Min} and {Max}, got {value}" : string.Empty;
        return problem.Length == 0;
    }

    private static bool Assign(object? value, out object? converted)
    {
        converted = value;
        return true;
    }
}
