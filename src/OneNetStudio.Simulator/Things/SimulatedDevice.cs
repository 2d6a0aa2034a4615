using OneNetStudio.Core.Topics;

namespace OneNetStudio.Simulator.Things;

/// <summary>
/// One simulated device and what the platform keeps about it: online state, current property values (the device's
/// own), the desired values, the values last reported and the bounded report, event and status histories the HTTP
/// API reads. All access goes through the device's lock: the report loop, set handling and API calls touch it from
/// different threads.
/// </summary>
public sealed class SimulatedDevice
{
    private readonly object _gate = new();
    private readonly Dictionary<string, object?> _values;
    private readonly Dictionary<string, DesiredValue> _desired = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _desiredVersions = new(StringComparer.Ordinal);
    private readonly HistoryLimits _limits;
    private readonly object?[] _latestValues;
    private readonly long[] _latestTimes;
    private BoundedHistory<TimedReport>? _reports;
    private BoundedHistory<EventRecord>? _events;
    private BoundedHistory<StatusChange>? _statusChanges;
    private bool _online;
    private bool _silent;
    private long? _activatedAtMs;
    private long _lastSeenMs;

    /// <param name="active">
    /// True: the device came online at <paramref name="createdAtMs"/> and reported <paramref name="initialValues"/>
    /// then. False: it has never been online (status inactive) and has reported nothing.
    /// </param>
    public SimulatedDevice(string productId, string name, ThingModel model, bool inGroup, IReadOnlyDictionary<string, object?> initialValues,
        long createdAtMs = 0, bool active = true, HistoryLimits? limits = null)
    {
        ProductId = productId;
        Name = name;
        Model = model;
        InGroup = inGroup;
        CreatedAtMs = createdAtMs;
        _limits = limits ?? HistoryLimits.Default;
        _values = new Dictionary<string, object?>(initialValues, StringComparer.Ordinal);
        _latestValues = new object?[model.PropertyList.Count];
        _latestTimes = new long[model.PropertyList.Count];
        LifecycleTopic = OneNetTopics.Build(productId, name, TopicKind.Lifecycle);
        PropertyTopic = OneNetTopics.Build(productId, name, TopicKind.Property);
        EventTopic = OneNetTopics.Build(productId, name, TopicKind.Event);
        if (active)
        {
            _online = true;
            _activatedAtMs = createdAtMs;
            _lastSeenMs = createdAtMs;
            SetLatest(initialValues, createdAtMs);
        }
    }

    public string LifecycleTopic { get; }
    public string PropertyTopic { get; }
    public string EventTopic { get; }

    public string ProductId { get; }
    public string Name { get; }
    public ThingModel Model { get; }

    /// <summary>Visible to the simulator's project group.</summary>
    public bool InGroup { get; }

    /// <summary>When the platform created the device record (epoch ms).</summary>
    public long CreatedAtMs { get; }

    public bool Online { get { lock (_gate) { return _online; } } }

    /// <summary>While true the device stays connected but answers nothing sent to it (sets, reads, service calls).</summary>
    public bool Silent
    {
        get { lock (_gate) { return _silent; } }
        set { lock (_gate) { _silent = value; } }
    }

    public DeviceRecordStatus Status
    {
        get { lock (_gate) { return _activatedAtMs is null ? DeviceRecordStatus.Inactive : _online ? DeviceRecordStatus.Online : DeviceRecordStatus.Offline; } }
    }

    /// <summary>When the device first came online (epoch ms); null while it is inactive.</summary>
    public long? ActivatedAtMs { get { lock (_gate) { return _activatedAtMs; } } }

    /// <summary>When the device last went online or offline (epoch ms); null while it is inactive.</summary>
    public long? LastSeenMs { get { lock (_gate) { return _activatedAtMs is null ? null : _lastSeenMs; } } }

    /// <summary>Sets the online state at <paramref name="timeMs"/>; true when it changed (and was recorded in the status history).</summary>
    public bool SetOnline(bool online, long timeMs)
    {
        lock (_gate)
        {
            if (_online == online)
            {
                return false;
            }
            var history = StatusHistory();
            _online = online;
            _activatedAtMs ??= timeMs;
            _lastSeenMs = timeMs;
            history.Add(new StatusChange(timeMs, online));
            return true;
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

    /// <summary>Stores desired values, bumping each property's version (the first set is version 1; a deleted value's successor continues the count).</summary>
    public void ApplyDesired(IReadOnlyDictionary<string, object?> values)
    {
        lock (_gate)
        {
            foreach (var (name, value) in values)
            {
                var version = _desiredVersions.GetValueOrDefault(name) + 1;
                _desiredVersions[name] = version;
                _desired[name] = new DesiredValue(value, version);
            }
        }
    }

    /// <summary>
    /// Deletes desired values: identifier → the version it must be at (null: any). Nothing is deleted unless every
    /// version matches; a mismatch is returned as (identifier, current version or null when there is none).
    /// </summary>
    public (string Identifier, int? Current)? DeleteDesired(IReadOnlyDictionary<string, int?> versions)
    {
        lock (_gate)
        {
            foreach (var (name, expected) in versions)
            {
                var current = _desired.TryGetValue(name, out var value) ? value.Version : (int?)null;
                if (expected is { } version && current != version)
                {
                    return (name, current);
                }
            }
            foreach (var name in versions.Keys)
            {
                _desired.Remove(name);
            }
            return null;
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

    /// <summary>Keeps a property report as the platform does: the latest value per property and the bounded history.</summary>
    public void RecordReport(IReadOnlyDictionary<string, object?> values, long timeMs)
    {
        lock (_gate)
        {
            var reports = _reports ??= SeededReports();
            var row = new object?[Model.PropertyList.Count];
            foreach (var (name, value) in values)
            {
                if (Model.PropertyIndex.TryGetValue(name, out var index))
                {
                    row[index] = value;
                }
            }
            reports.Add(new TimedReport(timeMs, row));
            SetLatest(values, timeMs);
        }
    }

    /// <summary>The value the platform last heard for a property; null when it never reported it.</summary>
    public ReportedValue? GetReported(string identifier)
    {
        lock (_gate)
        {
            return Model.PropertyIndex.TryGetValue(identifier, out var index) && _latestValues[index] is { } value
                ? new ReportedValue(value, _latestTimes[index])
                : null;
        }
    }

    /// <summary>A property's reported values, oldest first, as far back as the history reaches.</summary>
    public IReadOnlyList<ReportedValue> GetPropertyHistory(string identifier)
    {
        lock (_gate)
        {
            if (!Model.PropertyIndex.TryGetValue(identifier, out var index))
            {
                return [];
            }
            var reports = _reports?.ToArray() ?? SeededReports().ToArray();
            return reports.Where(r => r.Values[index] is not null).Select(r => new ReportedValue(r.Values[index], r.TimeMs)).ToList();
        }
    }

    public void RecordEvent(EventRecord record)
    {
        lock (_gate)
        {
            (_events ??= new BoundedHistory<EventRecord>(_limits.Events)).Add(record);
        }
    }

    /// <summary>The events the device raised, oldest first.</summary>
    public IReadOnlyList<EventRecord> GetEventHistory()
    {
        lock (_gate) { return _events?.ToArray() ?? []; }
    }

    /// <summary>Its online and offline changes, oldest first (an active device starts with coming online when it was created).</summary>
    public IReadOnlyList<StatusChange> GetStatusHistory()
    {
        lock (_gate) { return StatusHistory().ToArray(); }
    }

    public override string ToString() => $"{ProductId}/{Name}";

    private BoundedHistory<StatusChange> StatusHistory()
    {
        if (_statusChanges is null)
        {
            _statusChanges = new BoundedHistory<StatusChange>(_limits.StatusChanges);
            if (_activatedAtMs is { } activated)
            {
                _statusChanges.Add(new StatusChange(activated, true));
            }
        }
        return _statusChanges;
    }

    // Histories start lazily, so that thousands of idle devices cost no memory: the first one holds what the device
    // reported before (its initial values), which the latest values still show at that point.
    private BoundedHistory<TimedReport> SeededReports()
    {
        var reports = new BoundedHistory<TimedReport>(_limits.Reports);
        if (_latestValues.Any(v => v is not null))
        {
            reports.Add(new TimedReport(CreatedAtMs, (object?[])_latestValues.Clone()));
        }
        return reports;
    }

    private void SetLatest(IReadOnlyDictionary<string, object?> values, long timeMs)
    {
        foreach (var (name, value) in values)
        {
            if (Model.PropertyIndex.TryGetValue(name, out var index) && value is not null)
            {
                _latestValues[index] = value;
                _latestTimes[index] = timeMs;
            }
        }
    }
}
