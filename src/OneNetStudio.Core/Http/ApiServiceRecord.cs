using System.Collections.Specialized;

namespace OneNetStudio.Core.Http;

/// <summary>The record of a service call (<c>QueryServiceRecord</c>): how it was asked and what the device answered.</summary>
public sealed record ApiServiceRecord
{
    public required string TraceId { get; init; }
    public string? Identifier { get; init; }
    public string? FunctionName { get; init; }
    public ApiServiceCallType CallType { get; init; }
    public DateTimeOffset? RequestTime { get; init; }

    /// <summary>The call's parameters, as the platform stored them (JSON text).</summary>
    public string? RequestBody { get; init; }
    public DateTimeOffset? ResponseTime { get; init; }

    /// <summary>The device's answer, as the platform stored it (JSON text).</summary>
    public string? ResponseBody { get; init; }

    /// <summary>The answer's output when <see cref="ResponseBody"/> is a JSON object, typed by the thing model when one was given.</summary>
    public OrderedDictionary? Output { get; init; }
    public int? Code { get; init; }
    public string? Message { get; init; }

    public ApiServiceRecordState State => Code switch
    {
        200 => ApiServiceRecordState.Succeeded,
        0 or null => ApiServiceRecordState.Pending,
        _ => ApiServiceRecordState.Failed,
    };
}
