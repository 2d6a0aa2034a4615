namespace OneNetStudio.Core.Http;

/// <summary>
/// How the platform calls a service, fixed per service by the thing model (<c>callType</c> <c>s</c>/<c>a</c>): a
/// synchronous call waits up to 5 s for the device's answer; an asynchronous one returns at once and its outcome is
/// read later with <c>QueryServiceRecord</c>.
/// </summary>
public enum ApiServiceCallType
{
    Unknown,
    Sync,
    Async,
}
