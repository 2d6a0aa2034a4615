using System.Collections.Specialized;

namespace OneNetStudio.Bench.Cmdlets;

/// <summary>A stand-in for a property message: a few fields and a Properties dictionary (shared, built once).</summary>
public sealed class BenchMessage(int sequence)
{
    private static readonly OrderedDictionary SharedProperties = new() { ["temperature"] = 23.6, ["humidity"] = 55L, ["Power"] = "on", ["switch"] = true };

    public string ProductId => "BenchProduct";
    public string DeviceName => "dev00";
    public int Sequence { get; } = sequence;
    public OrderedDictionary Properties => SharedProperties;
}
