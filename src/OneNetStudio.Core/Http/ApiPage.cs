namespace OneNetStudio.Core.Http;

/// <summary>One page of a list: its items, and the total and page size when the platform says them.</summary>
internal sealed record ApiPage<T>(IReadOnlyList<T> Items, long? Total, int? Limit);
