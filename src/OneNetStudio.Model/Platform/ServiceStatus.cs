namespace OneNetStudio;

/// <summary>Where a service call stands: answered, failed, or (asynchronous) not answered yet.</summary>
public enum ServiceStatus
{
    Succeeded,
    Failed,
    Pending,
}
