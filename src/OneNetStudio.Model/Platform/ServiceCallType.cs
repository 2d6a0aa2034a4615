namespace OneNetStudio;

/// <summary>
/// How the platform calls a service, fixed per service by the thing model: Sync waits (up to 5 s) for the device's
/// answer; Async returns at once and the outcome is read later with Get-OneNetServiceRecord.
/// </summary>
public enum ServiceCallType
{
    Unknown,
    Sync,
    Async,
}
