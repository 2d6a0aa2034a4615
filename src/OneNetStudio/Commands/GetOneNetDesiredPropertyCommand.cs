using System.Management.Automation;
using OneNetStudio.Platform;

namespace OneNetStudio.Commands;

/// <summary>The desired values the platform stores for devices to fetch, with their versions (QueryDeviceDesiredProperty), one call per device.</summary>
[Cmdlet(VerbsCommon.Get, "OneNetDesiredProperty")]
[OutputType(typeof(OneNetDesiredValue))]
public sealed class GetOneNetDesiredPropertyCommand : ThingModelCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ProductIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string ProductId { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(DeviceNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] DeviceName { get; set; } = null!;

    /// <summary>Only these properties' desired values.</summary>
    [Parameter(Position = 2, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ThingPropertyNameCompleter))]
    [ValidateNotNullOrEmpty]
    [PSDefaultValue(Help = "Every stored desired value")]
    public string[]? Name { get; set; }

    [Parameter]
    [ValidateRange(1, 10_000)]
    [PSDefaultValue(Value = 100)]
    public int ThrottleLimit { get; set; } = 100;

    protected override int MaxInFlight => ThrottleLimit;

    protected override void ProcessRecord()
    {
        if (!TryGetThingModel(ProductId, out var model))
        {
            return;
        }
        var productId = ProductId;
        var names = Name;
        foreach (var deviceName in DeviceName)
        {
            StartCall(deviceName, $"{productId}/{deviceName}", async call =>
            {
                var values = await Api.QueryDeviceDesiredPropertyAsync(productId, deviceName, names, model, call.Cancellation).ConfigureAwait(false);
                foreach (var value in values)
                {
                    call.Output(PlatformOutput.DesiredValue(productId, deviceName, value));
                }
            });
        }
    }
}
