using OneNetStudio.Core.Topics;
using OneNetStudio.Simulator.Messages;
using OneNetStudio.Simulator.Things;

namespace OneNetStudio.Simulator.Engine;

/// <summary>Decides, as platform and device would, whether a set request succeeds, and what values it writes.</summary>
internal static class SetEvaluator
{
    public static SetOutcome Evaluate(DeviceTopic topic, SetRequest request, DeviceFleet fleet, out SimulatedDevice? device, out IReadOnlyDictionary<string, object?> values)
    {
        values = new Dictionary<string, object?>();
        device = fleet.Find(topic.ProductId, topic.DeviceName);
        if (device is null)
        {
            return SetOutcome.DeviceNotFound();
        }
        if (request.Params is null)
        {
            return SetOutcome.BadRequest(request.Problem ?? "no params");
        }
        // Desired values are stored by the platform for the device to pull later: an offline device may receive them.
        if (topic.Kind == TopicKind.PropertySet && !device.Online)
        {
            return SetOutcome.DeviceNotOnline();
        }
        var converted = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (identifier, json) in request.Params)
        {
            if (!device.Model.Properties.TryGetValue(identifier, out var definition))
            {
                return SetOutcome.IdentifierNotExist(identifier);
            }
            if (definition.ReadOnly)
            {
                return SetOutcome.ReadOnly(identifier);
            }
            if (!definition.TryConvert(json, out var value, out var problem))
            {
                return SetOutcome.DataTypeError(problem);
            }
            converted[identifier] = value;
        }
        values = converted;
        return SetOutcome.Succeeded;
    }
}
