namespace OneNetStudio;

/// <summary>One event a device raised.</summary>
public sealed class OneNetEventValue
{
    internal OneNetEventValue(string identifier, object? value, DateTimeOffset? time)
    {
        Identifier = identifier;
        Value = value;
        Time = time;
    }

    public string Identifier { get; }

    /// <summary>The event's value, usually an object: <c>$event.Value.level</c>.</summary>
    public object? Value { get; }
    public DateTimeOffset? Time { get; }

    public override string ToString() => $"{Identifier}={JsonValues.Display(Value)}";
}
