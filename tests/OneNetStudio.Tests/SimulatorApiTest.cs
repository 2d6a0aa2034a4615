using OneNetStudio.Simulator;

namespace OneNetStudio.Tests;

/// <summary>A <see cref="SimulatorTest"/> that calls the simulator's HTTP API as its user.</summary>
public abstract class SimulatorApiTest(SimulatorOptions options) : SimulatorTest(options)
{
    private protected SimulatorApiCaller Api { get; private set; } = null!;

    /// <summary>The simulator's one product (the API tests run a single-product fleet).</summary>
    protected string Product => Simulator.Fleet.ProductIds.Single();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Api = SimulatorApiCaller.ForUser(Simulator);
    }

    public override async Task DisposeAsync()
    {
        Api.Dispose();
        await base.DisposeAsync();
    }
}
