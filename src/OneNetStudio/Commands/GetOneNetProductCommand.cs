using System.Management.Automation;
using OneNetStudio.Platform;

namespace OneNetStudio.Commands;

/// <summary>Lists the project's products from the platform, every page, streamed (QueryProductList).</summary>
[Cmdlet(VerbsCommon.Get, "OneNetProduct")]
[OutputType(typeof(OneNetProduct))]
public sealed class GetOneNetProductCommand : PlatformCmdlet
{
    /// <summary>Only products with these ids; wildcards allowed. An id without wildcards that matches nothing is an error.</summary>
    [Parameter(Position = 0)]
    [ArgumentCompleter(typeof(ProductIdCompleter))]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    [PSDefaultValue(Help = "Every product of the project")]
    public string[]? ProductId { get; set; }

    protected override void ProcessRecord()
    {
        var patterns = ProductId?.Select(id => new WildcardPattern(id, WildcardOptions.IgnoreCase)).ToList();
        var found = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var listed = ForEach(Api.QueryProductListAsync(StopToken), product =>
        {
            if (patterns is null || patterns.Any(p => p.IsMatch(product.ProductId)))
            {
                found.Add(product.ProductId);
                WriteObject(PlatformOutput.Product(product));
            }
        }, target: PlatformSession.ProjectId, about: $"Project {PlatformSession.ProjectId}");
        if (!listed || ProductId is null)
        {
            return;
        }
        foreach (var id in ProductId.Where(id => !WildcardPattern.ContainsWildcardCharacters(id) && !found.Contains(id)))
        {
            WriteError(new ErrorRecord(
                new ItemNotFoundException($"The project {PlatformSession.ProjectId} has no product '{id}' that this session can see."),
                "OneNetProductNotFound", ErrorCategory.ObjectNotFound, id));
        }
    }
}
