namespace OneNetStudio;

/// <summary>One event a device raised: in a watched event message, or a row of Get-OneNetEventHistory.</summary>
public sealed class OneNetEventValue
{
    internal OneNetEventValue(string productId, string deviceName, string identifier, object? value, DateTimeOffset? time,
        string? displayName = null, ThingEventType eventType = ThingEventType.Unknown)
    {
        ProductId = productId;
        DeviceName = deviceName;
        Identifier = identifier;
        Value = value;
        Time = time;
        DisplayName = displayName;
        EventType = eventType;
    }

    public string ProductId { get; }
    public string DeviceName { get; }
    public string Identifier { get; }

    /// <summary>The event's value, usually an object: <c>$event.Value.level</c>.</summary>
    public object? Value { get; }
    public DateTimeOffset? Time { get; }

    /// <summary>The event's name in the thing model (history rows; null in watched messages).</summary>
    public string? DisplayName { get; }

    /// <summary>Info, Alert or Fault (history rows; Unknown in watched messages, which do not say).</summary>
    public ThingEventType EventType { get; }

    public override string ToString() => $"{Identifier}={JsonValues.Display(Value)}";
}
