using System.Collections.Specialized;

namespace OneNetStudio.Core.Things;

/// <summary>
/// What a thing-model check found: the values to send (converted where a string or number converted exactly) when
/// nothing is wrong, or the problems; and a sentence per conversion made, for -Verbose.
/// </summary>
public sealed class ThingCheckResult
{
    internal ThingCheckResult(OrderedDictionary values, IReadOnlyList<ThingCheckProblem> problems, IReadOnlyList<string> conversions)
    {
        Problems = problems;
        Conversions = conversions;
        Values = problems.Count == 0 ? values : null;
    }

    /// <summary>Identifier → value to send, in the caller's order; null when there are problems.</summary>
    public OrderedDictionary? Values { get; }

    public IReadOnlyList<ThingCheckProblem> Problems { get; }

    public IReadOnlyList<string> Conversions { get; }

    public bool Passed => Problems.Count == 0;
}
