namespace OneNetStudio.Bench.Cmdlets;

/// <summary>What the binding floor writes per device: a reply-sized object without a reply.</summary>
public sealed class BenchSetEcho(string productId, string deviceName, int properties)
{
    public string ProductId { get; } = productId;
    public string DeviceName { get; } = deviceName;
    public int Properties { get; } = properties;
}
