using System.Text;

namespace OneNetStudio.Core.Security;

/// <summary>Builds OneNET security tokens (product.md 2.2).</summary>
public static class OneNetToken
{
    /// <summary>
    /// <c>version=..&amp;res=..&amp;et=..&amp;method=..&amp;sign=..</c>, with <c>res</c> and <c>sign</c> percent-encoded
    /// in upper-case hex. <paramref name="expiresAt"/> is truncated to Unix seconds.
    /// </summary>
    public static string Create(string resource, AccessKey key, DateTimeOffset expiresAt, TokenMethod method, string version = TokenVersion.Application)
    {
        ArgumentException.ThrowIfNullOrEmpty(resource);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrEmpty(version);
        var et = expiresAt.ToUnixTimeSeconds();
        if (et <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(expiresAt), "The expiry must be after 1970-01-01.");
        }
        var sign = ComputeSignature(resource, key, et, method, version);
        return Format(version, resource, et, method, sign);
    }

    /// <summary>base64(HMAC(key, et + "\n" + method + "\n" + res + "\n" + version)), res raw.</summary>
    public static string ComputeSignature(string resource, AccessKey key, long expiresAtUnixSeconds, TokenMethod method, string version)
    {
        var stringToSign = string.Join('\n',
            expiresAtUnixSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            method.ToTokenName(),
            resource,
            version);
        return Convert.ToBase64String(key.ComputeHmac(method, Encoding.UTF8.GetBytes(stringToSign)));
    }

    internal static string Format(string version, string resource, long et, TokenMethod method, string sign) =>
        $"version={Uri.EscapeDataString(version)}&res={Uri.EscapeDataString(resource)}&et={et}&method={method.ToTokenName()}&sign={Uri.EscapeDataString(sign)}";
}
