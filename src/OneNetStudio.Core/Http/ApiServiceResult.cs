using System.Collections.Specialized;

namespace OneNetStudio.Core.Http;

/// <summary>
/// The platform's answer to a service call. A synchronous service answers with its output; an asynchronous one with
/// nothing (<see cref="HasOutput"/> false): its outcome is read later by <see cref="RequestId"/> with
/// <c>QueryServiceRecord</c>.
/// </summary>
public sealed record ApiServiceResult
{
    /// <summary>The call's request id, which is also the trace id of its service record.</summary>
    public string? RequestId { get; init; }
    public bool HasOutput => Output is not null;

    /// <summary>The service's output, typed by the thing model when one was given.</summary>
    public OrderedDictionary? Output { get; init; }
}
