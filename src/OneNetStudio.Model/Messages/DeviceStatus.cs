namespace OneNetStudio;

public enum DeviceStatus
{
    Online,
    Offline,
}
