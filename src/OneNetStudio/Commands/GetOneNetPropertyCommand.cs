using System.Management.Automation;
using OneNetStudio.Core.Http;
using OneNetStudio.Platform;

namespace OneNetStudio.Commands;

/// <summary>
/// Reads devices' properties: the platform's latest values (QueryDeviceProperty), or with -Live the device's values
/// now (QueryDevicePropertyDetail). One background call per device, at most -ThrottleLimit at once.
/// </summary>
[Cmdlet(VerbsCommon.Get, "OneNetProperty")]
[OutputType(typeof(OneNetPropertyState))]
public sealed class GetOneNetPropertyCommand : DeviceBatchCmdlet
{
    /// <summary>Only these properties (identifiers; wildcards allowed). A name without wildcards the device lacks is an error.</summary>
    [Parameter(Position = 2, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ThingPropertyNameCompleter))]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    [PSDefaultValue(Help = "Every property")]
    public string[]? Name { get; set; }

    /// <summary>Read the values from the device now (it must be online and answer) instead of the platform's latest reports.</summary>
    [Parameter]
    public SwitchParameter Live { get; set; }

    protected override void ProcessRecord()
    {
        var productId = ProductId;
        var filter = new PropertyNameFilter(Name);
        foreach (var deviceName in DeviceName)
        {
            var target = PropertyTarget.Of(productId, deviceName);
            if (Live)
            {
                StartCall(target, $"Reading {productId}/{deviceName} live", call => ReadLiveAsync(call, productId, deviceName, filter));
            }
            else
            {
                StartCall(target, $"{productId}/{deviceName}", call => ReadLatestAsync(call, productId, deviceName, filter));
            }
        }
    }

    private async Task ReadLatestAsync(PlatformCall call, string productId, string deviceName, PropertyNameFilter filter)
    {
        var states = await Api.QueryDevicePropertyAsync(productId, deviceName, call.Cancellation).ConfigureAwait(false);
        foreach (var state in states.Where(s => filter.Matches(s.Identifier)))
        {
            call.Output(PlatformOutput.PropertyState(productId, deviceName, state));
        }
        foreach (var missing in filter.LiteralsMatchingNone(states.Select(s => s.Identifier)))
        {
            call.Error(Errors.PropertyNotFound(productId, deviceName, missing, states.Select(s => s.Identifier)));
        }
    }

    private async Task ReadLiveAsync(PlatformCall call, string productId, string deviceName, PropertyNameFilter filter)
    {
        var model = await Channel.GetThingModelAsync(productId, call.Cancellation).ConfigureAwait(false);
        var known = model.Properties.Select(p => p.Identifier).ToList();
        foreach (var missing in filter.LiteralsMatchingNone(known))
        {
            call.Error(Errors.PropertyNotFound(productId, deviceName, missing, known));
        }
        var identifiers = known.Where(filter.Matches).ToList();
        if (identifiers.Count == 0)
        {
            return;
        }
        var values = await Api.QueryDevicePropertyDetailAsync(productId, deviceName, identifiers, model, call.Cancellation).ConfigureAwait(false);
        var readAt = DateTimeOffset.UtcNow;
        foreach (var identifier in identifiers)
        {
            // A property the device holds no value for is left out of its answer: like a never-reported one, no value and no time.
            var answered = values.Contains(identifier);
            call.Output(PlatformOutput.LiveProperty(productId, deviceName, identifier, answered ? values[identifier] : null, answered ? readAt : null, model));
        }
    }
}
