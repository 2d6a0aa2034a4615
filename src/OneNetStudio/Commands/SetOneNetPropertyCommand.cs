using System.Management.Automation;

namespace OneNetStudio.Commands;

[Cmdlet(VerbsCommon.Set, "OneNetProperty", SupportsShouldProcess = true, ConfirmImpact = SetPropertyCommandBase.Impact)]
[OutputType(typeof(OneNetSetReply))]
public sealed class SetOneNetPropertyCommand : SetPropertyCommandBase
{
    protected override SetKind Kind => SetKind.Property;

    [Parameter]
    [ValidateRange(0.001, 3600.0)]
    [PSDefaultValue(Value = 10.0)]
    public override double TimeoutSec { get; set; } = 10;
}
