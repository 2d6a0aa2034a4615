using System.Management.Automation;
using OneNetStudio.Platform;

namespace OneNetStudio.Commands;

/// <summary>One property's reported values over a time range, every page, streamed (QueryDevicePropertyHistory).</summary>
[Cmdlet(VerbsCommon.Get, "OneNetPropertyHistory")]
[OutputType(typeof(OneNetPropertyValue))]
public sealed class GetOneNetPropertyHistoryCommand : PlatformHistoryCommand
{
    /// <summary>The property's identifier.</summary>
    [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ThingPropertyNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = null!;

    /// <summary>Newest first.</summary>
    [Parameter]
    public SwitchParameter Descending { get; set; }

    protected override void ProcessRecord()
    {
        var model = ThingModel();
        if (model is null)
        {
            return;
        }
        // Identifiers are exact on the platform; a user's different case still finds the one property it can only mean.
        var property = model.FindProperty(Name)
            ?? model.Properties.SingleOrDefault(p => string.Equals(p.Identifier, Name, StringComparison.OrdinalIgnoreCase));
        if (property is null)
        {
            WriteError(Errors.PropertyNotFound(ProductId, DeviceName, Name, model.Properties.Select(p => p.Identifier)));
            return;
        }
        var (productId, deviceName, identifier) = (ProductId, DeviceName, property.Identifier);
        var rows = Api.QueryDevicePropertyHistoryAsync(productId, deviceName, identifier, RangeStart, RangeEnd, Descending, property.DataType, StopToken);
        WriteAll(rows, row => PlatformOutput.PropertyValue(productId, deviceName, identifier, row),
            PropertyTarget.Of(productId, deviceName, identifier), $"History of {identifier} on {productId}/{deviceName}");
    }
}
