using System.Management.Automation;
using OneNetStudio.Core.Http;
using OneNetStudio.Platform;

namespace OneNetStudio.Commands;

/// <summary>
/// Clears stored desired values (DeleteDeviceDesiredProperty). With -Version a value is removed only while it is at
/// that version: the command reads the stored values first and refuses a stale version itself, so a platform that
/// ignores a stale version silently still cannot make a removal look done.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "OneNetDesiredProperty", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(OneNetDesiredValue))]
public sealed class RemoveOneNetDesiredPropertyCommand : DeviceBatchCmdlet
{
    /// <summary>The properties whose desired values to clear.</summary>
    [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ThingPropertyNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = null!;

    /// <summary>Remove only while the stored value is at this version (what Get-OneNetDesiredProperty read).</summary>
    // No [ValidateRange]: a value piped in without a version binds null, which means "any version".
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [PSDefaultValue(Help = "Any version: whatever is stored is removed")]
    public long? Version { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        if (Version is <= 0)
        {
            WriteError(Errors.InvalidParameter("OneNetInvalidVersion", $"-Version must be a positive whole number (desired values start at version 1), not {Version}.", Version));
            return;
        }
        var productId = ProductId;
        var names = Name.Distinct(StringComparer.Ordinal).ToArray();
        var version = Version;
        var what = $"Remove desired value{(names.Length == 1 ? "" : "s")} {string.Join(", ", names)}{(version is null ? "" : $" at version {version}")}";
        var devices = DeviceName.Where(d => ShouldProcess($"{productId}/{d}", what)).ToList();
        if (devices.Count == 0 || !TryGetThingModel(productId, out var model))
        {
            return;
        }
        foreach (var deviceName in devices)
        {
            StartCall(deviceName, $"{productId}/{deviceName}", call => RemoveAsync(call, model, productId, deviceName, names, version));
        }
    }

    private async Task RemoveAsync(PlatformCall call, ApiThingModel model, string productId, string deviceName, string[] names, long? version)
    {
        var stored = (await Api.QueryDeviceDesiredPropertyAsync(productId, deviceName, names, model, call.Cancellation).ConfigureAwait(false))
            .Select(v => PlatformOutput.DesiredValue(productId, deviceName, v))
            .ToDictionary(v => v.Name, StringComparer.Ordinal);
        var removing = new List<OneNetDesiredValue>();
        foreach (var name in names)
        {
            var current = stored.GetValueOrDefault(name);
            if (version is { } wanted && current?.Version != wanted)
            {
                call.Error(current is null ? DesiredErrors.ValueNotFound(productId, deviceName, name, wanted) : DesiredErrors.VersionMismatch(current, wanted));
            }
            else if (current is null)
            {
                call.Verbose($"{productId}/{deviceName} has no desired value '{name}' to remove.");
            }
            else
            {
                removing.Add(current);
            }
        }
        if (removing.Count == 0)
        {
            return;
        }
        // The platform checks the version again, which closes the gap between the read and the removal.
        var versions = removing.ToDictionary(v => v.Name, _ => version, StringComparer.Ordinal);
        await Api.DeleteDeviceDesiredPropertyAsync(productId, deviceName, versions, call.Cancellation).ConfigureAwait(false);
        call.Verbose($"Removed from {productId}/{deviceName}: {string.Join(", ", removing)}.");
        if (PassThru)
        {
            removing.ForEach(call.Output);
        }
    }
}
