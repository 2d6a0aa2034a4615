namespace OneNetStudio.Simulator;

/// <summary>How the embedded platform is set up. Every default gives a working five-device fleet on a free port.</summary>
public sealed class SimulatorOptions
{
    /// <summary>0 picks a free loopback port.</summary>
    public int Port { get; init; }
    public IReadOnlyList<string> ProductIds { get; init; } = ["SimProduct01"];

    /// <summary>Devices per product.</summary>
    public int DeviceCount { get; init; } = 5;

    /// <summary>How many devices of each product belong to the project group; by default the first half (rounded up).</summary>
    public int? GroupDeviceCount { get; init; }
    public TimeSpan ReportInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Chance per report tick that a device watched for events raises one.</summary>
    public double EventProbability { get; init; } = 0.05;
    public string UserId { get; init; } = "100001";

    /// <summary>The user's access key (base64); random when not given.</summary>
    public string? UserKey { get; init; }
    public string ProjectId { get; init; } = "SimProject";
    public string GroupId { get; init; } = "SimGroup01";

    /// <summary>The project group's key (base64); random when not given.</summary>
    public string? GroupKey { get; init; }

    /// <summary>How long the simulated device takes to answer a set.</summary>
    public TimeSpan ReplyDelay { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Answer property sets (off: the platform never replies, so the app times out).</summary>
    public bool ReplyToPropertySet { get; init; } = true;

    /// <summary>Answer desired sets on <c>property/set/reply</c> (the platform's behaviour there is undocumented).</summary>
    public bool ReplyToDesiredSet { get; init; } = true;

    /// <summary>Seed for the values and events; null for a random seed.</summary>
    public int? Seed { get; init; }
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Per-client queue bound of the broker; past it messages are dropped and counted.</summary>
    public int MaxPendingMessagesPerClient { get; init; } = 250_000;

    /// <summary>How many devices of each product (the last ones) have never been online: status inactive, nothing reported.</summary>
    public int InactiveDeviceCount { get; init; }

    /// <summary>The HTTP application API's loopback port; 0 picks a free one.</summary>
    public int ApiPort { get; init; }

    /// <summary>The platform's limit of API calls per second per IP (a sliding one-second window); 0 lifts it (calls are still counted).</summary>
    public int ApiCallsPerSecond { get; init; } = 100;

    /// <summary>
    /// How long the platform waits for a device to answer a property set, a live property read or a synchronous
    /// service call before it gives up with a timeout (306). The platform documents 5 s for synchronous services.
    /// </summary>
    public TimeSpan DeviceReplyTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The platform's server timeout for one API call; no wait for a device lasts longer.</summary>
    public TimeSpan ApiRequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Property reports kept per device for QueryDevicePropertyHistory (fewer for very large fleets, see the simulator's help).</summary>
    public int PropertyHistoryLimit { get; init; } = 1000;

    /// <summary>Events kept per device for QueryDeviceEventHistory.</summary>
    public int EventHistoryLimit { get; init; } = 1000;

    internal void Validate()
    {
        if (Port is < 0 or > 65535) throw new ArgumentOutOfRangeException(nameof(Port), Port, "The port must be 0 (any free port) to 65535.");
        if (ProductIds.Count == 0) throw new ArgumentException("At least one product id is needed.", nameof(ProductIds));
        foreach (var id in ProductIds)
        {
            if (Core.Topics.OneNetTopics.ValidateSegment(id) is { } problem) throw new ArgumentException($"Product id '{id}' is not valid: {problem}.", nameof(ProductIds));
        }
        if (ProductIds.Distinct(StringComparer.Ordinal).Count() != ProductIds.Count) throw new ArgumentException("Product ids must be distinct.", nameof(ProductIds));
        if (DeviceCount is < 0 or > 100_000) throw new ArgumentOutOfRangeException(nameof(DeviceCount), DeviceCount, "The device count must be 0 to 100000.");
        if (ReportInterval < TimeSpan.FromMilliseconds(10)) throw new ArgumentOutOfRangeException(nameof(ReportInterval), ReportInterval, "The report interval must be at least 10 ms.");
        if (EventProbability is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(EventProbability), EventProbability, "The event probability must be between 0 and 1.");
        if (ReplyDelay < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(ReplyDelay), ReplyDelay, "The reply delay cannot be negative.");
        if (InactiveDeviceCount < 0 || InactiveDeviceCount > DeviceCount) throw new ArgumentOutOfRangeException(nameof(InactiveDeviceCount), InactiveDeviceCount, "The inactive device count must be 0 to the device count.");
        if (ApiPort is < 0 or > 65535) throw new ArgumentOutOfRangeException(nameof(ApiPort), ApiPort, "The API port must be 0 (any free port) to 65535.");
        if (ApiCallsPerSecond < 0) throw new ArgumentOutOfRangeException(nameof(ApiCallsPerSecond), ApiCallsPerSecond, "The API call limit cannot be negative (0 lifts it).");
        if (DeviceReplyTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(DeviceReplyTimeout), DeviceReplyTimeout, "The device reply timeout must be positive.");
        if (ApiRequestTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(ApiRequestTimeout), ApiRequestTimeout, "The API request timeout must be positive.");
        if (PropertyHistoryLimit < 1) throw new ArgumentOutOfRangeException(nameof(PropertyHistoryLimit), PropertyHistoryLimit, "At least one report must be kept.");
        if (EventHistoryLimit < 1) throw new ArgumentOutOfRangeException(nameof(EventHistoryLimit), EventHistoryLimit, "At least one event must be kept.");
        foreach (var (value, name) in new[] { (UserId, nameof(UserId)), (ProjectId, nameof(ProjectId)), (GroupId, nameof(GroupId)) })
        {
            if (Core.Topics.OneNetTopics.ValidateSegment(value) is { } problem) throw new ArgumentException($"{name} '{value}' is not valid: {problem}.", name);
        }
    }
}
