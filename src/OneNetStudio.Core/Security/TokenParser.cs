using System.Globalization;

namespace OneNetStudio.Core.Security;

/// <summary>Reads a token back into its fields, strictly: the five fields, in the documented order, each once.</summary>
public static class TokenParser
{
    private static readonly string[] FieldOrder = ["version", "res", "et", "method", "sign"];

    public static bool TryParse(string? token, out ParsedToken? parsed, out string error)
    {
        parsed = null;
        if (string.IsNullOrEmpty(token))
        {
            error = "the token is empty";
            return false;
        }
        var pairs = token.Split('&');
        if (pairs.Length != FieldOrder.Length)
        {
            error = $"the token has {pairs.Length} fields, expected {FieldOrder.Length} (version, res, et, method, sign)";
            return false;
        }
        var values = new string[FieldOrder.Length];
        for (var i = 0; i < pairs.Length; i++)
        {
            var separator = pairs[i].IndexOf('=');
            var name = separator < 0 ? pairs[i] : pairs[i][..separator];
            if (separator < 0 || name != FieldOrder[i])
            {
                error = $"field {i + 1} is '{name}', expected '{FieldOrder[i]}'";
                return false;
            }
            values[i] = Uri.UnescapeDataString(pairs[i][(separator + 1)..]);
        }
        if (!long.TryParse(values[2], NumberStyles.None, CultureInfo.InvariantCulture, out var et))
        {
            error = "et is not a whole number of Unix seconds";
            return false;
        }
        if (!TokenMethodNames.TryParse(values[3], out var method))
        {
            error = $"method '{values[3]}' is not md5, sha1 or sha256";
            return false;
        }
        parsed = new ParsedToken(values[0], values[1], et, method, values[4]);
        error = string.Empty;
        return true;
    }
}
