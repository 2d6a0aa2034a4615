namespace OneNetStudio;

/// <summary>The HMAC algorithm a OneNET token is signed with; the token spells it in lower case.</summary>
public enum TokenMethod
{
    Md5,
    Sha1,
    Sha256,
}
