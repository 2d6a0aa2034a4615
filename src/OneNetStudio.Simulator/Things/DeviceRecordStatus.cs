namespace OneNetStudio.Simulator.Things;

/// <summary>A device's status as the platform's device records give it (the numbers are the platform's).</summary>
public enum DeviceRecordStatus
{
    /// <summary>Never online since it was created.</summary>
    Inactive = 1,
    Online = 2,
    Offline = 3,
}
