using System.Collections.Specialized;

namespace OneNetStudio;

/// <summary>An event report: <c>$m.Events.alarm.Value.level</c>.</summary>
public sealed class OneNetEventMessage : OneNetMessage
{
    internal OneNetEventMessage(string productId, string deviceName, string topic, DateTimeOffset receivedAt, RawJson json, string? id, IReadOnlyList<OneNetEventValue> values)
        : base(productId, deviceName, topic, receivedAt, json)
    {
        Id = id;
        Values = values;
    }

    private OrderedDictionary? _events;

    public override MessageType MessageType => MessageType.Event;
    public string? Id { get; }

    /// <summary>Event identifier -> <see cref="OneNetEventValue"/> (Value, Time). Built on first use.</summary>
    public OrderedDictionary Events => _events ?? LazyByName.Build(ref _events, Values, v => v.Identifier);
    public IReadOnlyList<OneNetEventValue> Values { get; }

    public override string Summary => string.Join(", ", Values.Select(v => v.ToString()));
}
