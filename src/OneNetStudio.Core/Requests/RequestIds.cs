namespace OneNetStudio.Core.Requests;

/// <summary>The app's own request ids: 32 hex characters as in the platform's samples, or one the user gives.</summary>
public static class RequestIds
{
    public const int MaxLength = 64;

    public static string New() => Guid.NewGuid().ToString("N");

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
