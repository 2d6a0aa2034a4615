namespace OneNetStudio.Simulator.Messages;

/// <summary>How the platform answers one set request (product.md 2.4, 2.6).</summary>
internal sealed record SetOutcome(bool Success, string? Code, string? Message)
{
    public static SetOutcome Succeeded { get; } = new(true, null, null);

    public static SetOutcome DeviceNotFound() => new(false, "deviceNotFound", "device does not exist");
    public static SetOutcome DeviceNotOnline() => new(false, "deviceNotOnline", "device not online (308)");
    public static SetOutcome IdentifierNotExist(string identifier) => new(false, "identifierNotExist", $"identifier not exist: '{identifier}' (309)");
    public static SetOutcome DataTypeError(string problem) => new(false, "dataTypeError", $"data type error: {problem} (302)");
    public static SetOutcome ReadOnly(string identifier) => new(false, "badRequest", $"bad request: property '{identifier}' is read-only (313)");
    public static SetOutcome BadRequest(string problem) => new(false, "badRequest", $"bad request: {problem} (313)");
    public static SetOutcome Timeout() => new(false, "timeout", "timeout: the device did not answer (306)");
}
