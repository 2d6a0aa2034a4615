namespace OneNetStudio.Core.Things;

/// <summary>The identifier a user most likely meant: the same but for case, else a unique one it begins, else the closest by edit distance.</summary>
public static class NearestIdentifier
{
    public static string? Find(string given, IEnumerable<string> candidates)
    {
        var known = candidates.Distinct(StringComparer.Ordinal).ToList();
        if (known.FirstOrDefault(c => string.Equals(c, given, StringComparison.OrdinalIgnoreCase)) is { } sameButCase)
        {
            return sameButCase;
        }
        if (given.Length >= 3 && known.Where(c => c.StartsWith(given, StringComparison.OrdinalIgnoreCase)).ToList() is [var onlyStart])
        {
            return onlyStart;
        }
        // Further than a third of the word (at least two edits) is a different word, not a typo.
        var tolerance = Math.Max(2, given.Length / 3);
        return known
            .Select(c => (Candidate: c, Distance: Distance(given.ToLowerInvariant(), c.ToLowerInvariant())))
            .Where(c => c.Distance <= tolerance)
            .OrderBy(c => c.Distance)
            .Select(c => c.Candidate)
            .FirstOrDefault();
    }

    /// <summary>Levenshtein distance with adjacent transpositions counted as one edit.</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }
        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }
        return d[a.Length, b.Length];
    }
}
