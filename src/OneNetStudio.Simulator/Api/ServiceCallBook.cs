using System.Collections.Concurrent;

namespace OneNetStudio.Simulator.Api;

/// <summary>The platform's service-call records, the newest <see cref="Capacity"/> of them, by trace id.</summary>
internal sealed class ServiceCallBook
{
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, ServiceCallRecord> _records = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    public void Add(ServiceCallRecord record)
    {
        _records[record.TraceId] = record;
        _order.Enqueue(record.TraceId);
        while (_order.Count > Capacity && _order.TryDequeue(out var oldest))
        {
            _records.TryRemove(oldest, out _);
        }
    }

    /// <summary>Replaces a record by a changed copy (the device answered, or never will).</summary>
    public void Update(string traceId, Func<ServiceCallRecord, ServiceCallRecord> change)
    {
        while (_records.TryGetValue(traceId, out var current) && !_records.TryUpdate(traceId, change(current), current))
        {
        }
    }

    public ServiceCallRecord? Find(string traceId) => _records.TryGetValue(traceId, out var record) ? record : null;
}
