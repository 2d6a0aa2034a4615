using System.Management.Automation;

namespace OneNetStudio.Commands;

/// <summary>
/// A platform cmdlet that asks about one product's devices, one call per device, at most -ThrottleLimit at once.
/// ProductId and DeviceName bind from the pipeline by property name, so devices, property states, desired values,
/// service results and CSV rows pipe in.
/// </summary>
public abstract class DeviceBatchCmdlet : ThingModelCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ProductIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string ProductId { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(DeviceNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] DeviceName { get; set; } = null!;

    /// <summary>Devices asked at once; whatever it is, every call of a session shares its rate limiter.</summary>
    [Parameter]
    [ValidateRange(1, 1000)]
    [PSDefaultValue(Value = 32)]
    public int ThrottleLimit { get; set; } = 32;

    protected override int MaxInFlight => ThrottleLimit;
}
