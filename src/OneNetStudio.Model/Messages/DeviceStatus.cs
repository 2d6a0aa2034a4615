namespace OneNetStudio;

/// <summary>
/// A device's status. Lifecycle messages say Online or Offline; the platform's device list also knows Inactive (never
/// online since it was created).
/// </summary>
public enum DeviceStatus
{
    Online,
    Offline,
    Inactive,
}
