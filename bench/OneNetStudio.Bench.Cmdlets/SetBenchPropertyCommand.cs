using System.Collections;
using System.Management.Automation;

namespace OneNetStudio.Bench.Cmdlets;

/// <summary>
/// The binding floor under Set-OneNetProperty: the same parameters with the same attributes (pipeline binding by
/// property name, validation, ShouldProcess support, completers), and a ProcessRecord that only writes one object per
/// device. What PowerShell alone charges a set before the module does anything.
/// </summary>
[Cmdlet(VerbsCommon.Set, "BenchProperty", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(BenchSetEcho))]
public sealed class SetBenchPropertyCommand : PSCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(NoCompletion))]
    public string ProductId { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(NoCompletion))]
    public string[] DeviceName { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
    [AllowEmptyCollection]
    public IDictionary Property { get; set; } = null!;

    [Parameter]
    [ValidateRange(0.001, 3600.0)]
    [PSDefaultValue(Value = 10.0)]
    public double TimeoutSec { get; set; } = 10;

    [Parameter]
    [ValidateRange(1, 10_000)]
    [PSDefaultValue(Value = 100)]
    public int ThrottleLimit { get; set; } = 100;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [PSDefaultValue(Help = "A new random 32-hex id per set")]
    public string? RequestId { get; set; }

    [Parameter]
    public SwitchParameter NoWait { get; set; }

    [Parameter]
    public SwitchParameter SkipModelCheck { get; set; }

    [Parameter]
    [PSDefaultValue(Help = "The current session")]
    public object? Session { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var deviceName in DeviceName)
        {
            WriteObject(new BenchSetEcho(ProductId, deviceName, Property.Count));
        }
    }
}
