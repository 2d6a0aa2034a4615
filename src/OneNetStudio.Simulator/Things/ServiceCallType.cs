namespace OneNetStudio.Simulator.Things;

/// <summary>How the platform calls a service, fixed per service by the thing model's <c>callType</c>.</summary>
public enum ServiceCallType
{
    /// <summary><c>s</c>: CallService waits for the device's answer and returns its output.</summary>
    Synchronous,

    /// <summary><c>a</c>: CallService returns at once; QueryServiceRecord later tells the outcome.</summary>
    Asynchronous,
}
