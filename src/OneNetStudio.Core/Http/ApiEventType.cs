namespace OneNetStudio.Core.Http;

/// <summary>An event's type: <c>event_type</c> 1, 2, 3 in history, <c>info</c>, <c>alert</c>, <c>error</c> in the thing model.</summary>
public enum ApiEventType
{
    Unknown = 0,
    Info = 1,
    Alert = 2,
    Fault = 3,
}
