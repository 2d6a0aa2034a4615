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
        var properties = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
        foreach (var value in values)
        {
            properties[value.Name] = value;
        }
        Properties = properties.AsReadOnly();
    }

    public override MessageType MessageType => MessageType.Property;

    /// <summary>The platform's message id.</summary>
    public string? Id { get; }

    /// <summary>Property name -> <see cref="OneNetPropertyValue"/> (Value, Time).</summary>
    public OrderedDictionary Properties { get; }

    /// <summary>The same values as a list, in the order reported.</summary>
    public IReadOnlyList<OneNetPropertyValue> Values { get; }

    public override string Summary => string.Join(", ", Values.Select(v => v.ToString()));
}
