namespace OneNetStudio.Simulator.Things;

/// <summary>The properties and events of a product.</summary>
public sealed class ThingModel
{
    public ThingModel(IEnumerable<PropertyDefinition> properties, IEnumerable<EventDefinition> events)
    {
        Properties = properties.ToDictionary(p => p.Identifier, StringComparer.Ordinal);
        Events = events.ToList();
    }

    public IReadOnlyDictionary<string, PropertyDefinition> Properties { get; }
    public IReadOnlyList<EventDefinition> Events { get; }

    /// <summary>A small environmental sensor: the model every simulated product uses by default.</summary>
    public static ThingModel Default { get; } = new(
        [
            new PropertyDefinition("temperature", ThingDataType.Float, Min: -40, Max: 85),
            new PropertyDefinition("humidity", ThingDataType.Int, Min: 0, Max: 100),
            new PropertyDefinition("Power", ThingDataType.Enum, AllowedValues: ["on", "off"]),
            new PropertyDefinition("switch", ThingDataType.Bool),
            new PropertyDefinition("reportInterval", ThingDataType.Int, Min: 1, Max: 86400),
            new PropertyDefinition("firmwareVersion", ThingDataType.String, ReadOnly: true),
        ],
        [new EventDefinition("alarm", ["overheat", "lowBattery", "tamper"])]);
}
