using System.Management.Automation;
using OneNetStudio.Platform;

namespace OneNetStudio.Commands;

/// <summary>
/// A product's thing model (QueryThingModel, read once per session): the model itself, or with -Part one row per
/// property, event or service. Each product is written once per command, so a list of devices pipes in as it is.
/// </summary>
[Cmdlet(VerbsCommon.Get, "OneNetThingModel")]
[OutputType(typeof(OneNetThingModel), typeof(OneNetThingProperty), typeof(OneNetThingEvent), typeof(OneNetThingService))]
public sealed class GetOneNetThingModelCommand : PlatformCmdlet
{
    private readonly HashSet<string> _written = new(StringComparer.Ordinal);

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ProductIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] ProductId { get; set; } = null!;

    /// <summary>Write these parts of the model as rows (properties, events, services) instead of the model.</summary>
    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    [PSDefaultValue(Help = "The whole model, as one object per product")]
    public ThingModelPart[]? Part { get; set; }

    /// <summary>Read the model from the platform again, replacing the session's copy (which completion and the set checks use).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>The thing model is a common API: it names a product, not a project.</summary>
    protected override bool NeedsProject => false;

    protected override void ProcessRecord()
    {
        foreach (var productId in ProductId.Where(_written.Add))
        {
            if (Force)
            {
                PlatformSession.Fleet.Forget(productId);
            }
            if (!TryAwait(Channel.GetThingModelAsync(productId, StopToken), productId, $"Product {productId}", out var read))
            {
                continue;
            }
            var model = PlatformOutput.ThingModel(read);
            if (Part is null)
            {
                WriteObject(model);
                continue;
            }
            foreach (var part in Part.Distinct())
            {
                WriteObject(Rows(model, part), enumerateCollection: true);
            }
        }
    }

    private static object[] Rows(OneNetThingModel model, ThingModelPart part) => part switch
    {
        ThingModelPart.Property => model.Properties,
        ThingModelPart.Event => model.Events,
        _ => model.Services,
    };
}
