namespace OneNetStudio.View;

/// <summary>
/// The live view's state: one <see cref="DeviceLiveState"/> per device, fed message by message on one thread, with the
/// totals kept as messages arrive so a frame costs the same whether 10 or 20,000 devices are tracked.
/// </summary>
public sealed class FleetView
{
    private readonly Dictionary<(string ProductId, string DeviceName), DeviceLiveState> _devices = [];
    private readonly List<DeviceLiveState> _order = [];
    private readonly List<string> _columns = [];
    private readonly HashSet<string> _columnSet = new(StringComparer.Ordinal);
    private readonly HashSet<string> _products = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private readonly DateTimeOffset _started;

    public FleetView(TimeProvider? clock = null)
    {
        _clock = clock ?? TimeProvider.System;
        _started = _clock.GetUtcNow();
    }

    public int Count => _order.Count;
    public int Online { get; private set; }
    public int Offline { get; private set; }
    public int Unknown => Count - Online - Offline;
    public long Messages { get; private set; }

    /// <summary>Property columns: the thing model's first (when it was read), then any other property a device reported.</summary>
    public IReadOnlyList<string> Columns => _columns;

    /// <summary>True when the devices belong to more than one product, so rows must name the product too.</summary>
    public bool ManyProducts => _products.Count > 1;

    public SessionSummary? Session { get; set; }

    public DateTimeOffset Now => _clock.GetUtcNow();

    internal TimeSpan Elapsed => _clock.GetUtcNow() - _started;

    internal ActivityWindow Activity { get; } = new();

    public IReadOnlyList<DeviceLiveState> Devices => _order;

    /// <summary>Adds a device to the view (once); <paramref name="status"/> is what the device list said, if anything.</summary>
    public DeviceLiveState Track(string productId, string deviceName, DeviceStatus? status = null, DateTimeOffset? lastSeen = null)
    {
        if (_devices.TryGetValue((productId, deviceName), out var known))
        {
            return known;
        }
        var device = new DeviceLiveState(productId, deviceName) { LastSeen = lastSeen };
        _devices.Add((productId, deviceName), device);
        _order.Add(device);
        _products.Add(productId);
        SetStatus(device, status);
        return device;
    }

    public DeviceLiveState? Find(string productId, string deviceName) => _devices.GetValueOrDefault((productId, deviceName));

    /// <summary>
    /// What the platform's device list says of a device the view shows: its status and last time online, unless a
    /// message has told the view already (a message is newer). False for a device the view does not show.
    /// </summary>
    public bool Listed(string productId, string deviceName, DeviceStatus? status, DateTimeOffset? lastOnline)
    {
        if (!_devices.TryGetValue((productId, deviceName), out var device))
        {
            return false;
        }
        if (device.Status is null)
        {
            SetStatus(device, status);
        }
        device.LastSeen ??= lastOnline;
        return true;
    }

    /// <summary>Puts the thing model's properties first among the columns, in the model's order.</summary>
    public void AddColumns(IEnumerable<string> identifiers)
    {
        foreach (var identifier in identifiers)
        {
            if (_columnSet.Add(identifier))
            {
                _columns.Add(identifier);
            }
        }
    }

    /// <summary>Folds one message into the view; false when it is about a device the view does not show.</summary>
    public bool Apply(OneNetMessage message)
    {
        if (Find(message.ProductId, message.DeviceName) is not { } device)
        {
            return false;
        }
        switch (message)
        {
            case OneNetLifecycleMessage lifecycle:
                Heard(device, lifecycle.ReceivedAt, lifecycle.Status);
                break;
            case OneNetPropertyMessage property:
                Heard(device, property.ReceivedAt, DeviceStatus.Online);
                foreach (var value in property.Values)
                {
                    SetValue(device, value.Name, value.Value);
                }
                break;
            default:
                Heard(device, message.ReceivedAt, DeviceStatus.Online);
                break;
        }
        return true;
    }

    /// <summary>A message from <paramref name="device"/>: counts it and sets the status it implies (a report means online).</summary>
    public void Heard(DeviceLiveState device, DateTimeOffset at, DeviceStatus status)
    {
        device.LastSeen = at;
        device.Messages++;
        Messages++;
        var second = (long)Elapsed.TotalSeconds;
        device.Activity.Add(second);
        Activity.Add(second);
        SetStatus(device, status);
    }

    public void SetValue(DeviceLiveState device, string identifier, object? value)
    {
        device.SetValue(identifier, value);
        if (_columnSet.Add(identifier))
        {
            _columns.Add(identifier);
        }
    }

    public double PerSecond(DeviceLiveState device) => device.Activity.PerSecond(Elapsed);

    public double PerSecond() => Activity.PerSecond(Elapsed);

    /// <summary>
    /// The devices to draw in <paramref name="rows"/> rows: all of them in the order they were given when they fit;
    /// otherwise the most active (messages per second, then most recently heard), busiest first.
    /// </summary>
    public IReadOnlyList<DeviceLiveState> MostActive(int rows)
    {
        if (rows >= _order.Count)
        {
            return _order;
        }
        if (rows <= 0)
        {
            return [];
        }
        var elapsed = Elapsed;
        // A bounded heap whose root is the least active of the best so far: n log rows, not a sort of the fleet.
        var best = new PriorityQueue<DeviceLiveState, (double Rate, long Seen)>(rows + 1);
        foreach (var device in _order)
        {
            var key = (device.Activity.PerSecond(elapsed), device.LastSeen?.UtcTicks ?? 0);
            if (best.Count < rows)
            {
                best.Enqueue(device, key);
            }
            else if (best.TryPeek(out _, out var least) && Compare(key, least) > 0)
            {
                best.EnqueueDequeue(device, key);
            }
        }
        var chosen = new List<(DeviceLiveState Device, (double, long) Key)>(rows);
        while (best.TryDequeue(out var device, out var key))
        {
            chosen.Add((device, key));
        }
        chosen.Reverse();
        return chosen.ConvertAll(c => c.Device);
    }

    private static int Compare((double Rate, long Seen) a, (double Rate, long Seen) b) =>
        a.Rate != b.Rate ? a.Rate.CompareTo(b.Rate) : a.Seen.CompareTo(b.Seen);

    private void SetStatus(DeviceLiveState device, DeviceStatus? status)
    {
        if (status is null || device.Status == status)
        {
            return;
        }
        Tally(device.Status, -1);
        device.Status = status;
        Tally(status, +1);
    }

    private void Tally(DeviceStatus? status, int delta)
    {
        if (status == DeviceStatus.Online)
        {
            Online += delta;
        }
        else if (status is DeviceStatus.Offline or DeviceStatus.Inactive)
        {
            Offline += delta;
        }
    }
}
