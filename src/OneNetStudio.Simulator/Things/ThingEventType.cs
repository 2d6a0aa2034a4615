namespace OneNetStudio.Simulator.Things;

/// <summary>An event's type; the numbers are the <c>event_type</c> of QueryDeviceEventHistory.</summary>
public enum ThingEventType
{
    /// <summary><c>info</c> in the thing model.</summary>
    Info = 1,

    /// <summary><c>alert</c> in the thing model.</summary>
    Alert = 2,

    /// <summary><c>error</c> in the thing model (the history calls it a fault).</summary>
    Fault = 3,
}
