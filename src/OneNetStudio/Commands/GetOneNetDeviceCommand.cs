using System.Management.Automation;
using OneNetStudio.Core.Http;
using OneNetStudio.Platform;

namespace OneNetStudio.Commands;

/// <summary>Lists the project's devices from the platform, every page, streamed (QueryDeviceList; -Detail adds QueryDeviceDetail).</summary>
[Cmdlet(VerbsCommon.Get, "OneNetDevice")]
[OutputType(typeof(OneNetDevice))]
public sealed class GetOneNetDeviceCommand : PlatformCmdlet
{
    private const int DetailCallsInFlight = 16;

    /// <summary>Only this product's devices.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ProductIdCompleter))]
    [ValidateNotNullOrEmpty]
    [PSDefaultValue(Help = "Every product of the project")]
    public string? ProductId { get; set; }

    /// <summary>Only devices with these names; wildcards allowed. A name without wildcards that matches nothing is an error.</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(DeviceNameCompleter))]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    [PSDefaultValue(Help = "Every device")]
    public string[]? DeviceName { get; set; }

    /// <summary>Only devices in this state.</summary>
    [Parameter]
    public DeviceStatus[]? Status { get; set; }

    /// <summary>Also read each device's record (description, protocol, IMEI, IMSI, IP, activation time): one more call per device.</summary>
    [Parameter]
    public SwitchParameter Detail { get; set; }

    private readonly HashSet<(string ProductId, string DeviceName)> _written = [];

    protected override int MaxInFlight => DetailCallsInFlight;

    protected override void ProcessRecord()
    {
        // A device that a wildcard and an exact name both match is written once per record.
        _written.Clear();
        if (DeviceName is null)
        {
            List(deviceName: null, _ => true, target: ProductId);
            return;
        }
        var patterns = DeviceName.Where(WildcardPattern.ContainsWildcardCharacters).Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToList();
        if (patterns.Count > 0)
        {
            List(deviceName: null, d => patterns.Any(p => p.IsMatch(d.DeviceName)), target: ProductId);
        }
        foreach (var name in DeviceName.Where(n => !WildcardPattern.ContainsWildcardCharacters(n)))
        {
            // The platform's filter matches part of a name: keep the device of exactly this name.
            if (List(name, d => d.DeviceName == name, target: name) == 0)
            {
                var session = PlatformSession;
                var whose = session.Scope == ScopeKind.Group ? $"the group {session.GroupId} of project {session.ProjectId}" : $"the project {session.ProjectId}";
                WriteError(new ErrorRecord(
                    new ItemNotFoundException($"There is no device '{name}'{(ProductId is null ? "" : $" of product {ProductId}")}{(Status is null ? "" : $" that is {string.Join(" or ", Status)}")} in {whose}."),
                    "OneNetDeviceNotFound", ErrorCategory.ObjectNotFound, name));
            }
        }
    }

    /// <returns>How many devices were found; -1 when the list failed (an error is written).</returns>
    private int List(string? deviceName, Func<ApiDevice, bool> wanted, object? target)
    {
        var found = 0;
        var statuses = Status?.Select(PlatformOutput.Status).ToHashSet();
        var listed = ForEach(Api.QueryDeviceListAsync(ProductId, deviceName, cancellationToken: StopToken), device =>
        {
            if (!wanted(device) || (statuses is not null && !statuses.Contains(device.Status)))
            {
                return;
            }
            found++;
            if (!_written.Add((device.ProductId, device.DeviceName)))
            {
                return;
            }
            if (!Detail)
            {
                WriteObject(PlatformOutput.Device(device));
                return;
            }
            StartCall(device, $"{device.ProductId}/{device.DeviceName}", async call =>
            {
                var detail = await Api.QueryDeviceDetailAsync(device.ProductId, device.DeviceName, call.Cancellation).ConfigureAwait(false);
                call.Output(PlatformOutput.Device(device, detail));
            });
        }, target, ProductId is null ? null : $"Product {ProductId}");
        return listed ? found : -1;
    }
}
