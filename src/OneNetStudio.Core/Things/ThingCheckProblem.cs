namespace OneNetStudio.Core.Things;

/// <summary>One value the thing model refuses.</summary>
/// <param name="Identifier">The top-level identifier the problem is in (what the user wrote as a key).</param>
/// <param name="Path">Where exactly: <c>location.lat</c>, <c>schedule[2]</c>; the identifier for a top-level value.</param>
/// <param name="Kind">What is wrong.</param>
/// <param name="Message">A sentence naming the value, what was expected, and what exists.</param>
/// <param name="Suggestion">The nearest identifier the model has, for an unknown one; otherwise null.</param>
/// <param name="Expected">The data type and range expected, for a wrong or out-of-range value; otherwise null.</param>
public sealed record ThingCheckProblem(string Identifier, string Path, ThingCheckProblemKind Kind, string Message, string? Suggestion = null, string? Expected = null);
