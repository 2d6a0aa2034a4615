namespace OneNetStudio.Core.Http;

/// <summary>One row of a property's history.</summary>
public sealed record ApiPropertyValue
{
    public object? Value { get; init; }
    public DateTimeOffset? Time { get; init; }
}
