using OneNetStudio.Core.Topics;

namespace OneNetStudio.Simulator.Things;

/// <summary>
/// One simulated device: online state, current property values and the desired values the platform keeps for it.
/// All access goes through the device's lock: the report loop and set handling touch it from different threads.
/// </summary>
public sealed class SimulatedDevice
{
    private readonly object _gate = new();
    private readonly Dictionary<string, object?> _values;
    private readonly Dictionary<string, DesiredValue> _desired = new(StringComparer.Ordinal);
    private bool _online = true;

    public SimulatedDevice(string productId, string name, ThingModel model, bool inGroup, IReadOnlyDictionary<string, object?> initialValues)
    {
        ProductId = productId;
        Name = name;
        Model = model;
        InGroup = inGroup;
        _values = new Dictionary<string, object?>(initialValues, StringComparer.Ordinal);
        LifecycleTopic = OneNetTopics.Build(productId, name, TopicKind.Lifecycle);
        PropertyTopic = OneNetTopics.Build(productId, name, TopicKind.Property);
        EventTopic = OneNetTopics.Build(productId, name, TopicKind.Event);
    }

    public string LifecycleTopic { get; }
    public string PropertyTopic { get; }
    public string EventTopic { get; }

    public string ProductId { get; }
    public string Name { get; }
    public ThingModel Model { get; }

    /// <summary>Visible to the simulator's project group.</summary>
    public bool InGroup { get; }

    public bool Online { get { lock (_gate) { return _online; } } }

    /// <summary>Sets the online state; true when it changed.</summary>
    public bool SetOnline(bool online)
    {
        lock (_gate)
        {
            var changed = _online != online;
            _online = online;
            return changed;
        }
    }

    public IReadOnlyDictionary<string, object?> GetValues()
    {
        lock (_gate) { return new Dictionary<string, object?>(_values, StringComparer.Ordinal); }
    }

    public IReadOnlyDictionary<string, DesiredValue> GetDesiredValues()
    {
        lock (_gate) { return new Dictionary<string, DesiredValue>(_desired, StringComparer.Ordinal); }
    }

    public void Apply(IReadOnlyDictionary<string, object?> values)
    {
        lock (_gate)
        {
            foreach (var (name, value) in values)
            {
                _values[name] = value;
            }
        }
    }

    /// <summary>Stores desired values, bumping each property's version.</summary>
    public void ApplyDesired(IReadOnlyDictionary<string, object?> values)
    {
        lock (_gate)
        {
            foreach (var (name, value) in values)
            {
                var version = _desired.TryGetValue(name, out var previous) ? previous.Version + 1 : 1;
                _desired[name] = new DesiredValue(value, version);
            }
        }
    }

    /// <summary>Moves the measured values a little, as a real sensor's would; returns the new snapshot.</summary>
    public IReadOnlyDictionary<string, object?> Drift(Random random)
    {
        lock (_gate)
        {
            if (_values.TryGetValue("temperature", out var t) && t is double temperature)
            {
                _values["temperature"] = Math.Round(Math.Clamp(temperature + (random.NextDouble() - 0.5), -40, 85), 1);
            }
            if (_values.TryGetValue("humidity", out var h) && h is long humidity)
            {
                _values["humidity"] = Math.Clamp(humidity + random.Next(-2, 3), 0L, 100L);
            }
            if (_values.TryGetValue("energy", out var e) && e is long energy)
            {
                _values["energy"] = energy + random.Next(0, 5);
            }
            if (_values.TryGetValue("voltage", out var v) && v is double)
            {
                _values["voltage"] = Math.Round(220 + (random.NextDouble() * 10), 3);
            }
            return new Dictionary<string, object?>(_values, StringComparer.Ordinal);
        }
    }

    public override string ToString() => $"{ProductId}/{Name}";
}
