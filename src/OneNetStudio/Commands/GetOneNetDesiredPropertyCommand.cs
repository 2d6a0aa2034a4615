using System.Management.Automation;
using OneNetStudio.Platform;

namespace OneNetStudio.Commands;

/// <summary>The desired values the platform stores for devices to fetch, with their versions (QueryDeviceDesiredProperty), one call per device.</summary>
[Cmdlet(VerbsCommon.Get, "OneNetDesiredProperty")]
[OutputType(typeof(OneNetDesiredValue))]
public sealed class GetOneNetDesiredPropertyCommand : DeviceBatchCmdlet
{
    /// <summary>Only these properties' desired values.</summary>
    [Parameter(Position = 2, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ThingPropertyNameCompleter))]
    [ValidateNotNullOrEmpty]
    [PSDefaultValue(Help = "Every stored desired value")]
    public string[]? Name { get; set; }

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
