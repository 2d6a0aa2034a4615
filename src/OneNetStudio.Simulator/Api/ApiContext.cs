using OneNetStudio.Core.Connection;
using OneNetStudio.Simulator.Security;
using OneNetStudio.Simulator.Things;

namespace OneNetStudio.Simulator.Api;

/// <summary>
/// What the API's actions share: the simulator (its fleet, clock and device side), the service-call records, and the
/// platform's resolution of project, product and device with the caller's scope. The simulator's one project holds
/// every product and device; a project group sees only its devices, and a device outside it is refused with
/// resourePermissionDeny (it exists, the caller may not touch it).
/// </summary>
internal sealed class ApiContext(SimulatorServer server)
{
    public SimulatorServer Server { get; } = server;
    public DeviceFleet Fleet => Server.Fleet;
    public ServiceCallBook ServiceCalls { get; } = new();

    public static string ProductName(string productId) => $"{productId} sensor (simulated)";

    /// <summary>Checks <c>project_id</c>: required, and the simulator's project (a group token's project is that one too).</summary>
    public void RequireProject(ApiRequest request)
    {
        var projectId = request.Require("project_id");
        if (projectId != Server.ProjectId)
        {
            throw ApiFailure.ProjectNotFound();
        }
    }

    public string RequireProduct(ApiRequest request)
    {
        var productId = request.Require("product_id");
        return Fleet.HasProduct(productId) ? productId : throw ApiFailure.ProductNotFound();
    }

    /// <summary>The device a call names (<c>project_id</c>, <c>product_id</c>, <c>device_name</c>), if the caller may see it.</summary>
    public SimulatedDevice RequireDevice(ApiRequest request)
    {
        request.Require("project_id");
        request.Require("product_id");
        request.Require("device_name");
        RequireProject(request);
        var productId = RequireProduct(request);
        var device = Fleet.Find(productId, request.Require("device_name")) ?? throw ApiFailure.DeviceNotFound();
        return CanSee(request.Principal, device)
            ? device
            : throw ApiFailure.ResourcePermissionDeny($"device {device} is not in project group {request.Principal.Scope.GroupId}");
    }

    public static bool CanSee(SimulatorPrincipal principal, SimulatedDevice device) =>
        principal.Scope.Kind == ScopeKind.User || device.InGroup;

    public IEnumerable<SimulatedDevice> VisibleDevices(SimulatorPrincipal principal) => Fleet.Devices.Where(d => CanSee(principal, d));
}
