using System.Management.Automation;

namespace OneNetStudio.Bench.Cmdlets;

/// <summary>
/// Writes -Count fresh message-sized objects as fast as PowerShell takes them: what a cmdlet that does nothing but
/// WriteObject costs, the floor under Watch-OneNetDevice's pipeline.
/// </summary>
[Cmdlet(VerbsCommunications.Send, "BenchMessage")]
[OutputType(typeof(BenchMessage))]
public sealed class SendBenchMessageCommand : PSCmdlet
{
    [Parameter(Mandatory = true)]
    [ValidateRange(1, int.MaxValue)]
    public int Count { get; set; }

    protected override void EndProcessing()
    {
        for (var i = 0; i < Count; i++)
        {
            WriteObject(new BenchMessage(i));
        }
    }
}
