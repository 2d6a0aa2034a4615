using System.Management.Automation;

namespace OneNetStudio.Platform;

/// <summary>
/// The target of an error about a device (and one of its properties or events): an object with ProductId, DeviceName
/// and Name, so that <c>$failures.TargetObject | Get-OneNetProperty</c> asks again for exactly what failed.
/// </summary>
internal static class PropertyTarget
{
    public static PSObject Of(string productId, string deviceName, string? name = null)
    {
        var target = new PSObject();
        target.Properties.Add(new PSNoteProperty("ProductId", productId));
        target.Properties.Add(new PSNoteProperty("DeviceName", deviceName));
        if (name is not null)
        {
            target.Properties.Add(new PSNoteProperty("Name", name));
        }
        return target;
    }
}
