using System.Runtime.CompilerServices;
using OneNetStudio.Core.Http;

namespace OneNetStudio.Core.Things;

/// <summary>
/// What the platform says of some devices' status now: asked device by device when a product has few of them, from
/// the product's list when many (one call per hundred devices instead of one per device). Devices (and products) the
/// platform does not know are left out; other failures of the API are thrown.
/// </summary>
public static class FleetStatus
{
    /// <summary>Up to this many devices of a product are asked for one by one; more, and the product's list is read once.</summary>
    public const int AskEachUpTo = 10;

    public static async IAsyncEnumerable<ListedStatus> ReadAsync(IOneNetApi api, IReadOnlyCollection<(string ProductId, string DeviceName)> devices,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var product in devices.GroupBy(d => d.ProductId, StringComparer.Ordinal))
        {
            var names = product.Select(d => d.DeviceName).ToHashSet(StringComparer.Ordinal);
            if (names.Count <= AskEachUpTo)
            {
                foreach (var name in names)
                {
                    ApiDeviceDetail detail;
                    try
                    {
                        detail = await api.QueryDeviceDetailAsync(product.Key, name, cancellationToken).ConfigureAwait(false);
                    }
                    catch (OneNetApiException ex) when (IsUnknown(ex))
                    {
                        continue;
                    }
                    yield return new ListedStatus(product.Key, name, detail.Status, detail.LastTime);
                }
                continue;
            }
            await using var listed = api.QueryDeviceListAsync(product.Key, cancellationToken: cancellationToken).GetAsyncEnumerator(cancellationToken);
            while (true)
            {
                try
                {
                    if (!await listed.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }
                }
                catch (OneNetApiException ex) when (IsUnknown(ex))
                {
                    break;
                }
                if (names.Contains(listed.Current.DeviceName))
                {
                    yield return new ListedStatus(listed.Current.ProductId, listed.Current.DeviceName, listed.Current.Status, listed.Current.LastTime);
                }
            }
        }
    }

    private static bool IsUnknown(OneNetApiException ex) => ex.Kind is OneNetApiErrorKind.DeviceNotFound or OneNetApiErrorKind.ProductNotFound;
}
