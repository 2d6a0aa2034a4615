using System.Collections.Specialized;

namespace OneNetStudio;

/// <summary>A property report: <c>$m.Properties.temperature.Value</c>.</summary>
public sealed class OneNetPropertyMessage : OneNetMessage
{
    internal OneNetPropertyMessage(string productId, string deviceName, string topic, DateTimeOffset receivedAt, RawJson json, string? id, IReadOnlyList<OneNetPropertyValue> values)
        : base(productId, deviceName, topic, receivedAt, json)
    {
        Id = id;
        Values = values;
    }

    private OrderedDictionary? _properties;

    public override MessageType MessageType => MessageType.Property;

    /// <summary>The platform's message id.</summary>
    public string? Id { get; }

    /// <summary>Property name -> <see cref="OneNetPropertyValue"/> (Value, Time). Built on first use: most messages of a flood never need it.</summary>
    public OrderedDictionary Properties => _properties ?? LazyByName.Build(ref _properties, Values, v => v.Name);

    /// <summary>The same values as a list, in the order reported.</summary>
    public IReadOnlyList<OneNetPropertyValue> Values { get; }

    public override string Summary => string.Join(", ", Values.Select(v => v.ToString()));
}
