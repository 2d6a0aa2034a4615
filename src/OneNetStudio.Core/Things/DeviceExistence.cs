using OneNetStudio.Core.Http;

namespace OneNetStudio.Core.Things;

/// <summary>Which of some devices the platform does not know: asked one by one when few, from the product's list when many.</summary>
public static class DeviceExistence
{
    /// <summary>Up to this many devices of a product are asked for one by one; more, and the product's list is read once.</summary>
    public const int AskEachUpTo = 10;

    /// <summary>The devices the platform says do not exist, in the order given. Other failures of the API are thrown.</summary>
    public static async Task<IReadOnlyList<(string ProductId, string DeviceName)>> FindUnknownAsync(IOneNetApi api,
        IReadOnlyCollection<(string ProductId, string DeviceName)> devices, CancellationToken cancellationToken = default)
    {
        var unknown = new HashSet<(string, string)>();
        foreach (var product in devices.GroupBy(d => d.ProductId, StringComparer.Ordinal))
        {
            var names = product.Select(d => d.DeviceName).Distinct(StringComparer.Ordinal).ToList();
            IEnumerable<string> missing;
            try
            {
                missing = names.Count <= AskEachUpTo
                    ? await AskEachAsync(api, product.Key, names, cancellationToken).ConfigureAwait(false)
                    : await NotListedAsync(api, product.Key, names, cancellationToken).ConfigureAwait(false);
            }
            catch (OneNetApiException ex) when (ex.Kind == OneNetApiErrorKind.ProductNotFound)
            {
                missing = names;
            }
            foreach (var name in missing)
            {
                unknown.Add((product.Key, name));
            }
        }
        return devices.Where(unknown.Contains).Distinct().ToList();
    }

    private static async Task<IEnumerable<string>> AskEachAsync(IOneNetApi api, string productId, List<string> names, CancellationToken cancellationToken)
    {
        var missing = new List<string>();
        foreach (var name in names)
        {
            try
            {
                await api.QueryDeviceDetailAsync(productId, name, cancellationToken).ConfigureAwait(false);
            }
            catch (OneNetApiException ex) when (ex.Kind == OneNetApiErrorKind.DeviceNotFound)
            {
                missing.Add(name);
            }
        }
        return missing;
    }

    private static async Task<IEnumerable<string>> NotListedAsync(IOneNetApi api, string productId, List<string> names, CancellationToken cancellationToken)
    {
        var listed = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var device in api.QueryDeviceListAsync(productId, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            listed.Add(device.DeviceName);
        }
        return names.Where(n => !listed.Contains(n));
    }
}
