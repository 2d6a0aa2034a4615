using System.Management.Automation;

namespace OneNetStudio.Commands;

[Cmdlet(VerbsLifecycle.Stop, "OneNetSimulator")]
[OutputType(typeof(void))]
public sealed class StopOneNetSimulatorCommand : OneNetCmdlet
{
    /// <summary>The simulator to stop; by default every simulator started in this runspace.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true)]
    [PSDefaultValue(Help = "Every simulator of the runspace")]
    public OneNetSimulator[]? Simulator { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var simulator in Simulator ?? State.Simulators.ToArray())
        {
            State.Remove(simulator);
            Await(simulator.Server.DisposeAsync().AsTask());
            WriteVerbose($"Stopped simulator {simulator.Id} at {simulator.Endpoint}.");
        }
    }
}
