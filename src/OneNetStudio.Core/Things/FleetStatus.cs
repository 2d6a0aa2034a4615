using System.Runtime.CompilerServices;
using OneNetStudio.Core.Http;

namespace OneNetStudio.Core.Things;

/// <summary>
/// What the platform says of some devices' status now: asked device by device when a product has few of them, from
/// the product's list when many (one call per hundred devices instead of one per device). Devices the platform does not
/// know are left out; other failures of the API are thrown.
/// </summary>
public static class FleetStatus
{
    public static async IAsyncEnumerable<ListedStatus> ReadAsync(IOneNetApi api, IReadOnlyCollection<(string ProductId, string DeviceName)> devices,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var product in devices.GroupBy(d => d.ProductId, StringComparer.Ordinal))
        {
            var names = product.Select(d => d.DeviceName).ToHashSet(StringComparer.Ordinal);
            if (names.Count <= DeviceExistence.AskEachUpTo)
            {
                foreach (var name in names)
                {
                    ApiDeviceDetail detail;
                    try
                    {
                        detail = await api.QueryDeviceDetailAsync(product.Key, name, cancellationToken).ConfigureAwait(false);
                    }
                    catch (OneNetApiException ex) when (ex.Kind is OneNetApiErrorKind.DeviceNotFound or OneNetApiErrorKind.ProductNotFound)
                    {
                        continue;
                    }
                    yield return new ListedStatus(product.Key, name, detail.Status, detail.LastTime);
                }
                continue;
            }
            await foreach (var device in api.QueryDeviceListAsync(product.Key, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (names.Contains(device.DeviceName))
                {
                    yield return new ListedStatus(device.ProductId, device.DeviceName, device.Status, device.LastTime);
                }
            }
        }
    }
}
