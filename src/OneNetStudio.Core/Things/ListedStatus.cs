using OneNetStudio.Core.Http;

namespace OneNetStudio.Core.Things;

/// <summary>A device's status and last time online as the platform lists them.</summary>
public sealed record ListedStatus(string ProductId, string DeviceName, ApiDeviceStatus Status, DateTimeOffset? LastOnline);
