namespace OneNetStudio.Core.Http;

/// <summary>A stored desired value and its version (versioned per property; the first set is version 1).</summary>
public sealed record ApiDesiredValue
{
    public required string Identifier { get; init; }
    public object? Value { get; init; }
    public long? Version { get; init; }
}
