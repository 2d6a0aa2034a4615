using System.Management.Automation;
using System.Security;
using OneNetStudio.Simulator;
using OneNetStudio.Transforms;

namespace OneNetStudio.Commands;

[Cmdlet(VerbsLifecycle.Start, "OneNetSimulator")]
[OutputType(typeof(OneNetSimulator))]
public sealed class StartOneNetSimulatorCommand : OneNetCmdlet
{
    /// <summary>Loopback port; 0 (the default) picks a free one.</summary>
    [Parameter]
    [ValidateRange(0, 65535)]
    [PSDefaultValue(Value = 0)]
    public int Port { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [PSDefaultValue(Value = new[] { "SimProduct01" })]
    public string[] ProductId { get; set; } = ["SimProduct01"];

    /// <summary>Devices per product.</summary>
    [Parameter]
    [ValidateRange(0, 100_000)]
    [PSDefaultValue(Value = 5)]
    public int DeviceCount { get; set; } = 5;

    /// <summary>How many devices of each product belong to the project group; -1 stands for the default.</summary>
    [Parameter]
    [ValidateRange(0, 100_000)]
    [PSDefaultValue(Help = "Half of -DeviceCount, rounded up")]
    public int GroupDeviceCount { get; set; } = -1;

    [Parameter]
    [ValidateRange(10, 86_400_000)]
    [PSDefaultValue(Value = 1000)]
    public int ReportIntervalMs { get; set; } = 1000;

    [Parameter]
    [ValidateRange(0.0, 1.0)]
    [PSDefaultValue(Value = 0.05)]
    public double EventProbability { get; set; } = 0.05;

    [Parameter]
    [ValidateRange(0, 60_000)]
    [PSDefaultValue(Value = 10)]
    public int ReplyDelayMs { get; set; } = 10;

    [Parameter]
    [ValidateNotNullOrEmpty]
    [PSDefaultValue(Value = "100001")]
    public string UserId { get; set; } = "100001";

    /// <summary>The user's access key; random when not given.</summary>
    [Parameter]
    [AccessKeyTransformation]
    [PSDefaultValue(Help = "A random key")]
    public SecureString? AccessKey { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [PSDefaultValue(Value = "SimProject")]
    public string ProjectId { get; set; } = "SimProject";

    [Parameter]
    [ValidateNotNullOrEmpty]
    [PSDefaultValue(Value = "SimGroup01")]
    public string GroupId { get; set; } = "SimGroup01";

    [Parameter]
    [AccessKeyTransformation]
    [PSDefaultValue(Help = "A random key")]
    public SecureString? GroupKey { get; set; }

    /// <summary>Never answer property sets (the application then times out).</summary>
    [Parameter]
    public SwitchParameter NoSetReply { get; set; }

    /// <summary>Never answer desired sets (the platform's behaviour there is undocumented).</summary>
    [Parameter]
    public SwitchParameter NoDesiredReply { get; set; }

    /// <summary>How many devices of each product (the last ones) were never online: status Inactive, nothing reported.</summary>
    [Parameter]
    [ValidateRange(0, 100_000)]
    [PSDefaultValue(Value = 0)]
    public int InactiveDeviceCount { get; set; }

    /// <summary>Loopback port of the HTTP application API; 0 (the default) picks a free one.</summary>
    [Parameter]
    [ValidateRange(0, 65535)]
    [PSDefaultValue(Value = 0)]
    public int ApiPort { get; set; }

    /// <summary>The platform's limit of HTTP API calls per second per IP; 0 lifts it (calls are still counted).</summary>
    [Parameter]
    [ValidateRange(0, 1_000_000)]
    [PSDefaultValue(Value = 100)]
    public int ApiCallsPerSecond { get; set; } = 100;

    /// <summary>How long the platform waits for a device's answer to a live read, a set or a synchronous service call.</summary>
    [Parameter]
    [ValidateRange(1, 60_000)]
    [PSDefaultValue(Value = 5000)]
    public int DeviceReplyTimeoutMs { get; set; } = 5000;

    /// <summary>Property reports (and events) kept per device for the history APIs.</summary>
    [Parameter]
    [ValidateRange(1, 1_000_000)]
    [PSDefaultValue(Value = 1000)]
    public int HistoryLimit { get; set; } = 1000;

    /// <summary>Seed for values and events, for repeatable runs.</summary>
    [Parameter]
    [PSDefaultValue(Help = "A new random seed for every simulator")]
    public int? Seed { get; set; }

    protected override void EndProcessing()
    {
        var options = new SimulatorOptions
        {
            Port = Port,
            ProductIds = ProductId,
            DeviceCount = DeviceCount,
            GroupDeviceCount = GroupDeviceCount < 0 ? null : GroupDeviceCount,
            ReportInterval = TimeSpan.FromMilliseconds(ReportIntervalMs),
            EventProbability = EventProbability,
            ReplyDelay = TimeSpan.FromMilliseconds(ReplyDelayMs),
            UserId = UserId,
            UserKey = AccessKey is null ? null : SecureStrings.Reveal(AccessKey),
            ProjectId = ProjectId,
            GroupId = GroupId,
            GroupKey = GroupKey is null ? null : SecureStrings.Reveal(GroupKey),
            ReplyToPropertySet = !NoSetReply,
            ReplyToDesiredSet = !NoDesiredReply,
            Seed = Seed,
            InactiveDeviceCount = InactiveDeviceCount,
            ApiPort = ApiPort,
            ApiCallsPerSecond = ApiCallsPerSecond,
            DeviceReplyTimeout = TimeSpan.FromMilliseconds(DeviceReplyTimeoutMs),
            PropertyHistoryLimit = HistoryLimit,
            EventHistoryLimit = HistoryLimit,
        };
        SimulatorServer server;
        try
        {
            server = Await(SimulatorServer.StartAsync(options, StopToken));
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            ThrowTerminatingError(Errors.SimulatorFailed(ex, Port));
            return;
        }
        var simulator = new OneNetSimulator(State.NextSimulatorId(), server);
        State.Add(simulator);
        WriteVerbose($"Simulator {simulator.Id} listens on {simulator.Endpoint} (MQTT) and {simulator.ApiEndpoint} (HTTP API) with {simulator.DeviceCount} devices.");
        WriteObject(simulator);
    }
}
