namespace OneNetStudio.Core.Http;

/// <summary>A device's status as the device list and <c>QueryDeviceStatus</c> give it (1, 2, 3).</summary>
public enum ApiDeviceStatus
{
    Unknown = 0,
    Inactive = 1,
    Online = 2,
    Offline = 3,
}
