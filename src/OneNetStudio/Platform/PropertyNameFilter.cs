using System.Management.Automation;

namespace OneNetStudio.Platform;

/// <summary>
/// A -Name filter over thing-model identifiers: wildcards allowed, case ignored as PowerShell users expect; no names
/// match everything. Names without wildcards are kept apart, since naming one that does not exist is an error.
/// </summary>
internal sealed class PropertyNameFilter
{
    private readonly List<WildcardPattern>? _patterns;
    private readonly List<string> _literals;

    public PropertyNameFilter(IEnumerable<string>? names)
    {
        var given = names?.Where(n => !string.IsNullOrEmpty(n)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        _patterns = given?.Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToList();
        _literals = given?.Where(n => !WildcardPattern.ContainsWildcardCharacters(n)).ToList() ?? [];
    }

    public bool Matches(string identifier) => _patterns is null || _patterns.Any(p => p.IsMatch(identifier));

    /// <summary>The names without wildcards that none of <paramref name="identifiers"/> answers to.</summary>
    public IEnumerable<string> LiteralsMatchingNone(IEnumerable<string> identifiers)
    {
        var known = identifiers.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return _literals.Where(n => !known.Contains(n));
    }
}
