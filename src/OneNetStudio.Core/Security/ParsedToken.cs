namespace OneNetStudio.Core.Security;

/// <summary>The fields of a token as the platform reads them; produced by <see cref="TokenParser"/>.</summary>
public sealed record ParsedToken(string Version, string Resource, long ExpiresAtUnixSeconds, TokenMethod Method, string Signature)
{
    public DateTimeOffset ExpiresAt => DateTimeOffset.FromUnixTimeSeconds(ExpiresAtUnixSeconds);
}
