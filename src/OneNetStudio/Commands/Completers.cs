using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using OneNetStudio.Core.Security;
using OneNetStudio.State;

namespace OneNetStudio.Commands;

/// <summary>
/// Completes from a list of candidates (given what else is on the command line): each once, those that start with
/// what was typed, quoted where PowerShell needs it. The list is fixed or cheaply computed; where it comes from the
/// platform, a moment's wait at most.
/// </summary>
public abstract class ListCompleter : IArgumentCompleter
{
    protected virtual int MaxResults => 500;

    protected abstract IEnumerable<string> Candidates(IDictionary fakeBoundParameters);

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
        return Candidates(fakeBoundParameters)
            .Distinct(StringComparer.Ordinal)
            .Where(c => c.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Take(MaxResults)
            .Select(c => new CompletionResult(c.IndexOfAny([' ', '$', '#', '\'']) >= 0 ? $"'{c}'" : c, c, CompletionResultType.ParameterValue, c))
            .ToList();
    }
}

public sealed class TokenVersionCompleter : ListCompleter
{
    protected override IEnumerable<string> Candidates(IDictionary fakeBoundParameters) => [TokenVersion.Application, TokenVersion.Device, TokenVersion.HttpApi];
}

/// <summary>Token resources the runspace knows of: its sessions' usernames and its simulators' scopes and products.</summary>
public sealed class ResourceCompleter : ListCompleter
{
    protected override IEnumerable<string> Candidates(IDictionary fakeBoundParameters)
    {
        var state = RunspaceState.Current;
        foreach (var session in state.Sessions)
        {
            yield return session.Username;
        }
        foreach (var simulator in state.Simulators)
        {
            yield return $"userid/{simulator.UserId}";
            yield return $"projectid/{simulator.ProjectId}/groupid/{simulator.GroupId}";
            foreach (var product in simulator.ProductId)
            {
                yield return $"products/{product}";
            }
        }
    }
}

/// <summary>Product ids the runspace knows of: its simulators' products and the devices it has watched.</summary>
public sealed class ProductIdCompleter : ListCompleter
{
    protected override IEnumerable<string> Candidates(IDictionary fakeBoundParameters) => RunspaceState.Current.KnownDevices().Select(d => d.ProductId);
}

/// <summary>Request ids of the session's recent replies (-Session, else the current one), newest first (never the network).</summary>
public sealed class RequestIdCompleter : ListCompleter
{
    protected override int MaxResults => 200;

    protected override IEnumerable<string> Candidates(IDictionary fakeBoundParameters) =>
        CompletionSession.Of(fakeBoundParameters)?.Sets.Book.Newest().Select(r => r.RequestId) ?? [];
}

/// <summary>
/// Device names for -DeviceName: with -ProductId, the product's devices as the platform lists them (kept by the
/// session for a short while; a read that takes longer than a moment serves the next completion), and always the
/// devices the runspace knows of (its simulators', those it has watched or set).
/// </summary>
public sealed class DeviceNameCompleter : ListCompleter
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(1);

    protected override IEnumerable<string> Candidates(IDictionary fakeBoundParameters)
    {
        var product = fakeBoundParameters["ProductId"]?.ToString();
        var session = CompletionSession.Of(fakeBoundParameters);
        var listed = product is not null && session?.ProjectId is not null ? session.Fleet.DeviceNames(product, Wait) ?? [] : [];
        return listed.Concat(RunspaceState.Current.KnownDevices().Where(d => product is null || d.ProductId == product).Select(d => d.DeviceName));
    }
}
