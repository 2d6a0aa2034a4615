using OneNetStudio.Core.Http;

namespace OneNetStudio.Core.Things;

/// <summary>Which of some devices the platform does not know: those <see cref="FleetStatus"/> finds no status for.</summary>
public static class DeviceExistence
{
    /// <summary>The devices the platform says do not exist, in the order given. Other failures of the API are thrown.</summary>
    public static async Task<IReadOnlyList<(string ProductId, string DeviceName)>> FindUnknownAsync(IOneNetApi api,
        IReadOnlyCollection<(string ProductId, string DeviceName)> devices, CancellationToken cancellationToken = default)
    {
        var known = new HashSet<(string, string)>();
        await foreach (var listed in FleetStatus.ReadAsync(api, devices, cancellationToken).ConfigureAwait(false))
        {
            known.Add((listed.ProductId, listed.DeviceName));
        }
        return devices.Where(d => !known.Contains(d)).Distinct().ToList();
    }
}
