using System.Buffers;
using System.Runtime.InteropServices;
using System.Security;
using System.Security.Cryptography;

namespace OneNetStudio.Core.Security;

/// <summary>
/// A OneNET access key (base64 text) held only as a read-only <see cref="SecureString"/>. The plain text and the
/// decoded bytes exist only for the duration of one signature and are zeroed afterwards.
/// </summary>
public sealed class AccessKey : IDisposable
{
    private readonly SecureString _secret;

    private AccessKey(SecureString secret)
    {
        _secret = secret;
        _secret.MakeReadOnly();
    }

    /// <summary>Copies and validates a key; throws <see cref="FormatException"/> (without the key text) when it is not base64.</summary>
    public static AccessKey FromSecureString(SecureString key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var accessKey = new AccessKey(key.Copy());
        accessKey.EnsureValid();
        return accessKey;
    }

    /// <summary>For keys that are plain text already (the simulator's generated keys, tests).</summary>
    public static AccessKey FromBase64(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var secret = new SecureString();
        foreach (var c in key)
        {
            secret.AppendChar(c);
        }
        var accessKey = new AccessKey(secret);
        accessKey.EnsureValid();
        return accessKey;
    }

    /// <summary>True when <paramref name="key"/> is non-empty base64; never throws, never copies the text into a string.</summary>
    public static bool IsValid(SecureString key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return WithKeyBytes(key, static bytes => bytes.Length > 0, onInvalid: false);
    }

    /// <summary>HMAC of <paramref name="data"/> keyed with the decoded access key.</summary>
    public byte[] ComputeHmac(TokenMethod method, byte[] data) =>
        WithKeyBytes(_secret, bytes => method switch
        {
            TokenMethod.Md5 => HMACMD5.HashData(bytes, data),
            TokenMethod.Sha1 => HMACSHA1.HashData(bytes, data),
            TokenMethod.Sha256 => HMACSHA256.HashData(bytes, data),
            _ => throw new ArgumentOutOfRangeException(nameof(method)),
        }, onInvalid: null) ?? throw InvalidKey();

    public void Dispose() => _secret.Dispose();

    public override string ToString() => "AccessKey(hidden)";

    private void EnsureValid()
    {
        if (!IsValid(_secret))
        {
            _secret.Dispose();
            throw InvalidKey();
        }
    }

    private static FormatException InvalidKey() =>
        new("The access key is not valid base64. Copy the key from the OneNET console (user access key or project group key) exactly as shown.");

    private delegate T KeyBytesFunc<out T>(byte[] keyBytes);

    private static T WithKeyBytes<T>(SecureString secret, KeyBytesFunc<T> use, T onInvalid)
    {
        var length = secret.Length;
        var unmanaged = Marshal.SecureStringToGlobalAllocUnicode(secret);
        var chars = ArrayPool<char>.Shared.Rent(Math.Max(length, 1));
        var bytes = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        try
        {
            Marshal.Copy(unmanaged, chars, 0, length);
            var text = chars.AsSpan(0, length).Trim();
            if (text.Length == 0 || !Convert.TryFromBase64Chars(text, bytes, out var written))
            {
                return onInvalid;
            }
            var keyBytes = new byte[written];
            try
            {
                bytes.AsSpan(0, written).CopyTo(keyBytes);
                return use(keyBytes);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(keyBytes);
            }
        }
        finally
        {
            Marshal.ZeroFreeGlobalAllocUnicode(unmanaged);
            chars.AsSpan().Clear();
            ArrayPool<char>.Shared.Return(chars);
            CryptographicOperations.ZeroMemory(bytes);
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }
}
