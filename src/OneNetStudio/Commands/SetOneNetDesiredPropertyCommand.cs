using System.Management.Automation;

namespace OneNetStudio.Commands;

/// <summary>Desired sets wait only briefly by default: the platform may never answer them (product.md 2.5).</summary>
[Cmdlet(VerbsCommon.Set, "OneNetDesiredProperty", SupportsShouldProcess = true, ConfirmImpact = SetPropertyCommandBase.Impact)]
[OutputType(typeof(OneNetSetReply))]
public sealed class SetOneNetDesiredPropertyCommand : SetPropertyCommandBase
{
    protected override SetKind Kind => SetKind.Desired;

    [Parameter]
    [ValidateRange(0.001, 3600.0)]
    [PSDefaultValue(Value = 3.0)]
    public override double TimeoutSec { get; set; } = 3;
}
