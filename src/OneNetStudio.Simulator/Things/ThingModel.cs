namespace OneNetStudio.Simulator.Things;

/// <summary>The properties, events and services of a product.</summary>
public sealed class ThingModel
{
    public ThingModel(IEnumerable<PropertyDefinition> properties, IEnumerable<EventDefinition> events, IEnumerable<ServiceDefinition>? services = null)
    {
        PropertyList = properties.ToList();
        Properties = PropertyList.ToDictionary(p => p.Identifier, StringComparer.Ordinal);
        Events = events.ToList();
        Services = (services ?? []).ToList();
        PropertyIndex = PropertyList.Select((p, i) => (p.Identifier, i)).ToDictionary(p => p.Identifier, p => p.i, StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<string, PropertyDefinition> Properties { get; }

    /// <summary>The properties in the model's order (the order the platform lists them in).</summary>
    public IReadOnlyList<PropertyDefinition> PropertyList { get; }

    public IReadOnlyList<EventDefinition> Events { get; }
    public IReadOnlyList<ServiceDefinition> Services { get; }

    /// <summary>Each property's position in <see cref="PropertyList"/>.</summary>
    internal IReadOnlyDictionary<string, int> PropertyIndex { get; }

    public EventDefinition? FindEvent(string identifier) => Events.FirstOrDefault(e => e.Identifier == identifier);
    public ServiceDefinition? FindService(string identifier) => Services.FirstOrDefault(s => s.Identifier == identifier);

    /// <summary>
    /// A small environmental sensor, the model every simulated product uses: one property of each data type the
    /// platform knows (a struct, an enum, a bitMap, a date, an array among them), an info, an alert and an error
    /// event, a synchronous and an asynchronous service. <c>label</c> has no value until somebody sets it, so it is
    /// never reported before that.
    /// </summary>
    public static ThingModel Default { get; } = new(
        [
            new PropertyDefinition("temperature", "Temperature", ThingValueType.Float(-40, 85, 0.1, "°C"), Description: "Air temperature"),
            new PropertyDefinition("humidity", "Humidity", ThingValueType.Int32(0, 100, 1, "%"), Description: "Relative humidity"),
            new PropertyDefinition("Power", "Power", ThingValueType.String(3, ["on", "off"]), Description: "\"on\" or \"off\""),
            new PropertyDefinition("switch", "Switch", ThingValueType.Bool("off", "on"), Description: "Relay"),
            new PropertyDefinition("reportInterval", "Report interval", ThingValueType.Int32(1, 86400, 1, "s"), Description: "Seconds between reports"),
            new PropertyDefinition("firmwareVersion", "Firmware version", ThingValueType.String(32), ReadOnly: true),
            new PropertyDefinition("energy", "Energy", ThingValueType.Int64(0, long.MaxValue, 1, "Wh"), ReadOnly: true, Description: "Energy used since installation"),
            new PropertyDefinition("voltage", "Voltage", ThingValueType.Double(0, 1000, 0.001, "V"), ReadOnly: true, Description: "Supply voltage"),
            new PropertyDefinition("mode", "Mode", ThingValueType.Enum(new Dictionary<long, string> { [0] = "auto", [1] = "eco", [2] = "boost" }), Description: "Operating mode"),
            new PropertyDefinition("faults", "Faults", ThingValueType.BitMap(4), ReadOnly: true, Description: "bit 0 overheat, bit 1 low battery, bit 2 sensor, bit 3 tamper"),
            new PropertyDefinition("installedAt", "Installed at", ThingValueType.Date(), Description: "When the device was installed"),
            new PropertyDefinition("location", "Location", ThingValueType.Struct(
            [
                new ThingField("lng", "Longitude", ThingValueType.Double(-180, 180, 0.000001, "°")),
                new ThingField("lat", "Latitude", ThingValueType.Double(-90, 90, 0.000001, "°")),
            ]), Description: "Where the device is"),
            new PropertyDefinition("schedule", "Schedule", ThingValueType.Array(ThingValueType.Int32(0, 23, 1, "h"), 8), Description: "Hours at which the device wakes"),
            new PropertyDefinition("label", "Label", ThingValueType.String(64), Description: "A name given by its owner"),
        ],
        [
            new EventDefinition("alarm", "Alarm", ThingEventType.Alert,
            [
                new ThingField("level", "Level", ThingValueType.Int32(1, 3)),
                new ThingField("reason", "Reason", ThingValueType.String(16, ["overheat", "lowBattery", "tamper"])),
            ]),
            new EventDefinition("boot", "Boot", ThingEventType.Info,
            [
                new ThingField("firmwareVersion", "Firmware version", ThingValueType.String(32)),
                new ThingField("cause", "Cause", ThingValueType.Enum(new Dictionary<long, string> { [0] = "power on", [1] = "watchdog", [2] = "update" })),
            ]),
            new EventDefinition("sensorFault", "Sensor fault", ThingEventType.Fault,
            [
                new ThingField("code", "Code", ThingValueType.Int32(1, 255)),
            ]),
        ],
        [
            new ServiceDefinition("calibrate", "Calibrate", ServiceCallType.Synchronous,
                [new ThingField("offset", "Offset", ThingValueType.Float(-10, 10, 0.1, "°C"))],
                [new ThingField("result", "Result", ThingValueType.Int32(0, 1)), new ThingField("temperature", "Temperature", ThingValueType.Float(-40, 85, 0.1, "°C"))],
                "Adds the offset to the temperature reading and answers with the new reading"),
            new ServiceDefinition("upgradeFirmware", "Upgrade firmware", ServiceCallType.Asynchronous,
                [new ThingField("version", "Version", ThingValueType.String(32))],
                [new ThingField("result", "Result", ThingValueType.Int32(0, 1)), new ThingField("version", "Version", ThingValueType.String(32))],
                "Installs the firmware version, then reports it"),
        ]);
}
