using OneNetStudio.Core.Connection;
using OneNetStudio.Core.Http;
using OneNetStudio.Core.Security;
using OneNetStudio.Simulator;

namespace OneNetStudio.Tests;

/// <summary>
/// A fresh simulator for every test (its counters start at zero), and everything a test opens against it, closed after
/// the test in reverse order.
/// </summary>
public abstract class SimulatorTest(SimulatorOptions options) : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _cleanup = [];

    protected SimulatorServer Simulator { get; private set; } = null!;

    /// <summary>The simulator's user; add a test's own settings with <c>with</c>.</summary>
    protected TestConnection User => TestConnection.UserOf(Simulator);

    protected TestConnection Group => TestConnection.GroupOf(Simulator);

    public virtual async Task InitializeAsync() => Simulator = await SimulatorServer.StartAsync(options);

    public virtual async Task DisposeAsync()
    {
        foreach (var item in Enumerable.Reverse(_cleanup))
        {
            await item.DisposeAsync();
        }
        await Simulator.DisposeAsync();
    }

    /// <summary>Connects as <paramref name="how"/> says; the connection is closed after the test.</summary>
    protected async Task<OneNetConnection> ConnectAsync(TestConnection how, CancellationToken cancellationToken = default) =>
        Closed(await how.ConnectAsync(cancellationToken));

    /// <summary>The simulator's HTTP API as the user (with its project) or the project group sees it; closed after the test.</summary>
    protected OpenApiDialect SimulatorApi(bool group = false)
    {
        var client = Closed(new OneNetHttpClient(new OneNetHttpOptions
        {
            Scope = group ? OneNetScope.ForGroup(Simulator.ProjectId, Simulator.GroupId) : OneNetScope.ForUser(Simulator.UserId),
            AccessKey = AccessKey.FromBase64(group ? Simulator.GroupKey : Simulator.UserKey),
            Endpoint = new Uri(Simulator.ApiEndpoint),
        }));
        return new OpenApiDialect(client, group ? null : Simulator.ProjectId);
    }

    /// <summary>Closes <paramref name="item"/> after the test (before the simulator).</summary>
    protected T Closed<T>(T item) where T : IAsyncDisposable
    {
        _cleanup.Add(item);
        return item;
    }
}
