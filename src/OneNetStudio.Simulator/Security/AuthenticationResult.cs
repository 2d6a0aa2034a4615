namespace OneNetStudio.Simulator.Security;

/// <summary>The simulator's decision on a CONNECT: a principal, or the reason it was refused (never shown to the client).</summary>
internal sealed record AuthenticationResult(SimulatorPrincipal? Principal, string? FailureReason)
{
    public static AuthenticationResult Refuse(string reason) => new(null, reason);
}
