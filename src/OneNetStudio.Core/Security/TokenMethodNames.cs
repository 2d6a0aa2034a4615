namespace OneNetStudio.Core.Security;

/// <summary>Converts <see cref="TokenMethod"/> to and from the lower-case names the token uses.</summary>
public static class TokenMethodNames
{
    public static string ToTokenName(this TokenMethod method) => method switch
    {
        TokenMethod.Md5 => "md5",
        TokenMethod.Sha1 => "sha1",
        TokenMethod.Sha256 => "sha256",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown token method."),
    };

    public static bool TryParse(string? name, out TokenMethod method)
    {
        switch (name)
        {
            case "md5": method = TokenMethod.Md5; return true;
            case "sha1": method = TokenMethod.Sha1; return true;
            case "sha256": method = TokenMethod.Sha256; return true;
            default: method = default; return false;
        }
    }
}
