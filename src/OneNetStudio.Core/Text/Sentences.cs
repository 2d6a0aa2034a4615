namespace OneNetStudio.Core;

/// <summary>Messages the user reads end as sentences, also when they end with text from elsewhere (a socket, the platform).</summary>
public static class Sentences
{
    public static string End(string text)
    {
        var trimmed = text.TrimEnd();
        return trimmed.Length == 0 || trimmed[^1] is '.' or '!' or '?' ? trimmed : trimmed + ".";
    }
}
