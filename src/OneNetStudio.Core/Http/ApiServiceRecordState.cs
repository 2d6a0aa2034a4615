namespace OneNetStudio.Core.Http;

/// <summary>Where a service call stands according to its record (<c>code</c> 200 done, 0 not yet, anything else failed).</summary>
public enum ApiServiceRecordState
{
    Pending,
    Succeeded,
    Failed,
}
