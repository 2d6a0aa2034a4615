using System.Management.Automation;

namespace OneNetStudio.Commands;

[Cmdlet(VerbsCommon.Set, "OneNetProperty", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(OneNetSetReply))]
public sealed class SetOneNetPropertyCommand : SetPropertyCommandBase
{
    protected override SetKind Kind => SetKind.Property;
    protected override double DefaultTimeoutSec => 10;
}
