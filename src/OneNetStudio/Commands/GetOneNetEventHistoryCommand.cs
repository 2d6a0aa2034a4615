using System.Management.Automation;
using OneNetStudio.Core.Http;
using OneNetStudio.Platform;

namespace OneNetStudio.Commands;

/// <summary>The events a device raised over a time range, newest first, every page, streamed (QueryDeviceEventHistory).</summary>
[Cmdlet(VerbsCommon.Get, "OneNetEventHistory")]
[OutputType(typeof(OneNetEventValue))]
public sealed class GetOneNetEventHistoryCommand : PlatformHistoryCommand
{
    /// <summary>Only this event (its identifier).</summary>
    [Parameter(Position = 2, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ThingEventNameCompleter))]
    [ValidateNotNullOrEmpty]
    [PSDefaultValue(Help = "Every event")]
    public string? Name { get; set; }

    /// <summary>Only events of this type.</summary>
    [Parameter]
    [ValidateSet(nameof(ThingEventType.Info), nameof(ThingEventType.Alert), nameof(ThingEventType.Fault))]
    [PSDefaultValue(Help = "Every type")]
    public ThingEventType? EventType { get; set; }

    protected override void ProcessRecord()
    {
        var model = ThingModel();
        if (model is null)
        {
            return;
        }
        string? identifier = null;
        if (Name is not null)
        {
            identifier = (model.FindEvent(Name) ?? model.Events.SingleOrDefault(e => string.Equals(e.Identifier, Name, StringComparison.OrdinalIgnoreCase)))?.Identifier;
            if (identifier is null)
            {
                WriteError(Errors.EventNotFound(ProductId, DeviceName, Name, model.Events.Select(e => e.Identifier)));
                return;
            }
        }
        var (productId, deviceName) = (ProductId, DeviceName);
        ApiEventType? eventType = EventType is { } type ? PlatformOutput.EventType(type) : null;
        var rows = Api.QueryDeviceEventHistoryAsync(productId, deviceName, RangeStart, RangeEnd, identifier, eventType, model, StopToken);
        WriteAll(rows, row => PlatformOutput.EventValue(productId, deviceName, row),
            PropertyTarget.Of(productId, deviceName, identifier), $"Events of {productId}/{deviceName}");
    }
}
