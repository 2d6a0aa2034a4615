using System.Text.Json;
using OneNetStudio.Core.Topics;
using OneNetStudio.Simulator.Messages;
using OneNetStudio.Simulator.Things;

namespace OneNetStudio.Simulator.Engine;

/// <summary>Decides, as platform and device would, whether a set request succeeds, and what values it writes.</summary>
internal static class SetEvaluator
{
    public static SetOutcome Evaluate(DeviceTopic topic, SetRequest request, DeviceFleet fleet, out SimulatedDevice? device, out IReadOnlyDictionary<string, object?> values)
    {
        device = fleet.Find(topic.ProductId, topic.DeviceName);
        return Evaluate(device, request.Params, request.Problem, propertySet: topic.Kind == TopicKind.PropertySet, out values);
    }

    /// <summary>
    /// The checks shared by the MQTT sets and the HTTP API: the device exists, a property set goes to an online device
    /// (desired values are stored for the device to pull later, so an offline device may receive them), and every
    /// identifier exists, is writable and gets a value of its type.
    /// </summary>
    public static SetOutcome Evaluate(SimulatedDevice? device, IReadOnlyDictionary<string, JsonElement>? parameters, string? problem, bool propertySet, out IReadOnlyDictionary<string, object?> values)
    {
        values = new Dictionary<string, object?>();
        if (device is null)
        {
            return SetOutcome.DeviceNotFound();
        }
        if (parameters is null)
        {
            return SetOutcome.BadRequest(problem ?? "no params");
        }
        if (propertySet && !device.Online)
        {
            return SetOutcome.DeviceNotOnline();
        }
        var converted = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (identifier, json) in parameters)
        {
            if (!device.Model.Properties.TryGetValue(identifier, out var definition))
            {
                return SetOutcome.IdentifierNotExist(identifier);
            }
            if (definition.ReadOnly)
            {
                return SetOutcome.ReadOnly(identifier);
            }
            if (!definition.TryConvert(json, out var value, out var typeProblem))
            {
                return SetOutcome.DataTypeError(typeProblem);
            }
            converted[identifier] = value;
        }
        values = converted;
        return SetOutcome.Succeeded;
    }
}
