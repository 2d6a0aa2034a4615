using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using OneNetStudio.Core.Security;
using OneNetStudio.State;

namespace OneNetStudio.Commands;

/// <summary>Completes from a fixed or cheaply computed list; never touches the network.</summary>
public abstract class ListCompleter : IArgumentCompleter
{
    protected abstract IEnumerable<string> Candidates();

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
        return Candidates()
            .Distinct(StringComparer.Ordinal)
            .Where(c => c.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(c => new CompletionResult(c.IndexOfAny([' ', '$', '#', '\'']) >= 0 ? $"'{c}'" : c, c, CompletionResultType.ParameterValue, c));
    }
}

public sealed class TokenVersionCompleter : ListCompleter
{
    protected override IEnumerable<string> Candidates() => [TokenVersion.Application, TokenVersion.Device, TokenVersion.HttpApi];
}

/// <summary>Token resources the runspace knows of: its sessions' usernames and its simulators' scopes and products.</summary>
public sealed class ResourceCompleter : ListCompleter
{
    protected override IEnumerable<string> Candidates()
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
    protected override IEnumerable<string> Candidates() => RunspaceState.Current.KnownDevices().Select(d => d.ProductId);
}

/// <summary>Request ids of the session's recent replies (-Session, else the current one), newest first (never the network).</summary>
public sealed class RequestIdCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
        var session = CompletionSession.Of(fakeBoundParameters);
        return (session?.Sets.Book.Newest().Select(r => r.RequestId) ?? [])
            .Where(id => id.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.Ordinal)
            .Take(200)
            .Select(id => new CompletionResult(id, id, CompletionResultType.ParameterValue, id))
            .ToList();
    }
}

/// <summary>
/// Device names for -DeviceName: with -ProductId, the product's devices as the platform lists them (kept by the
/// session for a short while; a read that takes longer than a moment serves the next completion), and always the
/// devices the runspace knows of (its simulators', those it has watched or set).
/// </summary>
public sealed class DeviceNameCompleter : IArgumentCompleter
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(1);

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var product = fakeBoundParameters["ProductId"]?.ToString();
        var prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
        var session = CompletionSession.Of(fakeBoundParameters);
        var listed = product is not null && session?.ProjectId is not null ? session.Fleet.DeviceNames(product, Wait) ?? [] : [];
        return listed
            .Concat(RunspaceState.Current.KnownDevices().Where(d => product is null || d.ProductId == product).Select(d => d.DeviceName))
            .Distinct(StringComparer.Ordinal)
            .Where(n => n.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Take(500)
            .Select(n => new CompletionResult(n, n, CompletionResultType.ParameterValue, n))
            .ToList();
    }
}
