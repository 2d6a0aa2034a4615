namespace OneNetStudio.Core.Requests;

/// <summary>The app's own request ids: 32 hex characters as in the platform's samples, or one the user gives.</summary>
public static class RequestIds
{
    public const int MaxLength = 64;

    /// <summary>
    /// 32 random lowercase hex characters. Random.Shared, not Guid.NewGuid: an id only has to be unique among the sets
    /// in flight, and a Guid asks the operating system for secure random bytes, a system call per set.
    /// </summary>
    public static string New() => string.Create(32, 0, static (chars, _) =>
    {
        Span<byte> bytes = stackalloc byte[16];
        Random.Shared.NextBytes(bytes);
        for (var i = 0; i < bytes.Length; i++)
        {
            chars[2 * i] = Hex[bytes[i] >> 4];
            chars[2 * i + 1] = Hex[bytes[i] & 0xF];
        }
    });

    private const string Hex = "0123456789abcdef";

    /// <summary>Null when <paramref name="requestId"/> can be used; otherwise why not.</summary>
    public static string? Validate(string? requestId)
    {
        if (string.IsNullOrEmpty(requestId))
        {
            return "it is empty";
        }
        if (requestId.Length > MaxLength)
        {
            return $"it is longer than {MaxLength} characters";
        }
        foreach (var c in requestId)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.'))
            {
                return "only letters, digits, '-', '_' and '.' are allowed";
            }
        }
        return null;
    }
}
