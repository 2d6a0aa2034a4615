using OneNetStudio.Core.Connection;
using OneNetStudio.Simulator.Things;

namespace OneNetStudio.Simulator.Security;

/// <summary>An authenticated application and what it may see.</summary>
internal sealed class SimulatorPrincipal(OneNetScope scope, DeviceFleet fleet)
{
    public OneNetScope Scope { get; } = scope;

    /// <summary>
    /// A user sees every device of the products the account owns, including names that do not exist (a set to those
    /// is answered <c>deviceNotFound</c>); a group sees only its own devices.
    /// </summary>
    public bool CanSee(string productId, string deviceName) => Scope.Kind switch
    {
        ScopeKind.User => fleet.HasProduct(productId),
        _ => fleet.Find(productId, deviceName) is { InGroup: true },
    };
}
