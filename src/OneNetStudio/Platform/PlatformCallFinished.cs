namespace OneNetStudio.Platform;

/// <summary>Posted through the pump when a background call ends, so the pipeline thread counts it and reports its failure.</summary>
internal sealed record PlatformCallFinished(Task Call, object? Target, string? About);
