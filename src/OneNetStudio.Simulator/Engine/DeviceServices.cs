using OneNetStudio.Simulator.Things;

namespace OneNetStudio.Simulator.Engine;

/// <summary>
/// What a simulated device does when a service of the default thing model is called: <c>calibrate</c> moves its
/// temperature reading by the offset and answers with the new reading; <c>upgradeFirmware</c> installs the version
/// and reports it. Any other service answers with made-up outputs of the right types.
/// </summary>
internal static class DeviceServices
{
    public static async Task<IReadOnlyDictionary<string, object?>> RunAsync(SimulatorServer simulator, SimulatedDevice device, ServiceDefinition service, IReadOnlyDictionary<string, object?> input)
    {
        switch (service.Identifier)
        {
            case "calibrate" when input.GetValueOrDefault("offset") is double offset && device.GetValues().GetValueOrDefault("temperature") is double temperature:
                var calibrated = Math.Round(Math.Clamp(temperature + offset, -40, 85), 1);
                device.Apply(new Dictionary<string, object?> { ["temperature"] = calibrated });
                return new Dictionary<string, object?> { ["result"] = 1L, ["temperature"] = calibrated };
            case "upgradeFirmware" when input.GetValueOrDefault("version") is string version:
                var installed = new Dictionary<string, object?> { ["firmwareVersion"] = version };
                device.Apply(installed);
                await simulator.ReportAsync(device, installed).ConfigureAwait(false);
                return new Dictionary<string, object?> { ["result"] = 1L, ["version"] = version };
            default:
                return service.Outputs.ToDictionary(o => o.Identifier, o => simulator.Sample(o.Type), StringComparer.Ordinal);
        }
    }
}
