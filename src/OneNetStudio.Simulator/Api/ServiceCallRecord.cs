using OneNetStudio.Simulator.Things;

namespace OneNetStudio.Simulator.Api;

/// <summary>
/// A service call as QueryServiceRecord gives it back, by its trace id (the CallService answer's requestId).
/// <see cref="Code"/> is 0 until the device answers, 200 when it did, 306 when it never did.
/// </summary>
internal sealed record ServiceCallRecord(string TraceId, SimulatedDevice Device, ServiceDefinition Service, long RequestTimeMs, string RequestBody)
{
    public const int NotYet = 0;
    public const int Done = 200;
    public const int TimedOut = 306;

    public long ResponseTimeMs { get; init; }
    public string ResponseBody { get; init; } = string.Empty;
    public int Code { get; init; } = NotYet;
    public string Message { get; init; } = string.Empty;
}
