using System.Management.Automation;

namespace OneNetStudio.Commands;

/// <summary>Desired sets wait only briefly by default: the platform may never answer them (product.md 2.5).</summary>
[Cmdlet(VerbsCommon.Set, "OneNetDesiredProperty", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(OneNetSetReply))]
public sealed class SetOneNetDesiredPropertyCommand : SetPropertyCommandBase
{
    protected override SetKind Kind => SetKind.Desired;
    protected override double DefaultTimeoutSec => 3;
}
