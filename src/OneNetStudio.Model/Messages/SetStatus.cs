namespace OneNetStudio;

/// <summary>The outcome of a set request.</summary>
public enum SetStatus
{
    /// <summary>The device applied the values.</summary>
    Succeeded,

    /// <summary>The platform or the device refused (Code, Message say why).</summary>
    Failed,

    /// <summary>No reply within the timeout.</summary>
    TimedOut,

    /// <summary>A desired set the platform acknowledged (PUBACK); no reply came within the wait.</summary>
    Accepted,

    /// <summary>Sent with -NoWait; the reply is not in yet.</summary>
    Pending,
}
