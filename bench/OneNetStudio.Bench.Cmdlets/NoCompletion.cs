using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace OneNetStudio.Bench.Cmdlets;

/// <summary>Stands in for the module's completers on the binding floor (completers run only on Tab, never while binding).</summary>
public sealed class NoCompletion : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters) => [];
}
