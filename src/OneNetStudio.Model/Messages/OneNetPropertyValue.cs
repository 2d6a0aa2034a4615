namespace OneNetStudio;

/// <summary>One reported property value: the row <c>Watch-OneNetDevice -Expand</c> writes.</summary>
public sealed class OneNetPropertyValue
{
    internal OneNetPropertyValue(string productId, string deviceName, string name, object? value, DateTimeOffset? time)
    {
        ProductId = productId;
        DeviceName = deviceName;
        Name = name;
        Value = value;
        Time = time;
    }

    public string ProductId { get; }
    public string DeviceName { get; }
    public string Name { get; }

    /// <summary>The value in its JSON type: long, double, string, bool, null, an ordered dictionary or an object[].</summary>
    public object? Value { get; }
    public DateTimeOffset? Time { get; }

    public override string ToString() => $"{Name}={JsonValues.Display(Value)}";
}
