using System.Collections.Specialized;

namespace OneNetStudio;

/// <summary>An event report: <c>$m.Events.alarm.Value.level</c>.</summary>
public sealed class OneNetEventMessage : OneNetMessage
{
    internal OneNetEventMessage(string productId, string deviceName, string topic, DateTimeOffset receivedAt, RawJson json, string? id, IReadOnlyList<OneNetEventValue> values)
        : base(productId, deviceName, topic, receivedAt, json)
    {
        Id = id;
        var events = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
        foreach (var value in values)
        {
            events[value.Identifier] = value;
        }
        Events = events.AsReadOnly();
        Values = values;
    }

    public override MessageType MessageType => MessageType.Event;
    public string? Id { get; }

    /// <summary>Event identifier -> <see cref="OneNetEventValue"/> (Value, Time).</summary>
    public OrderedDictionary Events { get; }
    public IReadOnlyList<OneNetEventValue> Values { get; }

    public override string Summary => string.Join(", ", Values.Select(v => v.ToString()));
}
