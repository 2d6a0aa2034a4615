using System.Collections.Specialized;

namespace OneNetStudio;

/// <summary>
/// A device service call's outcome: a synchronous service's answer at once, an asynchronous one Pending until
/// Get-OneNetServiceRecord reads its record by RequestId.
/// </summary>
public sealed class OneNetServiceResult
{
    internal OneNetServiceResult()
    {
    }

    /// <summary>The platform's id of the call; Get-OneNetServiceRecord takes it.</summary>
    public string? RequestId { get; internal init; }
    public required string ProductId { get; init; }
    public required string DeviceName { get; init; }

    /// <summary>The service's identifier.</summary>
    public required string Name { get; init; }
    public ServiceStatus Status { get; internal init; }
    public bool Success => Status == ServiceStatus.Succeeded;
    public ServiceCallType CallType { get; internal init; }

    /// <summary>The service's output, typed by the thing model; null until it answered.</summary>
    public OrderedDictionary? Output { get; internal init; }

    /// <summary>The platform's code: its error code for a failed call, the record's code (200, …) for a recorded one.</summary>
    public string? Code { get; internal init; }
    public string? Message { get; internal init; }

    /// <summary>From the call to its answer (for a record: from request to response on the platform).</summary>
    public TimeSpan? Elapsed { get; internal init; }
    public DateTimeOffset? RequestTime { get; internal init; }
    public DateTimeOffset? ResponseTime { get; internal init; }

    public override string ToString() => $"{ProductId}/{DeviceName} {Name}: {Status}";
}
