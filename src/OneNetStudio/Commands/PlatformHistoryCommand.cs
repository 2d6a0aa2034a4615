using System.Management.Automation;
using OneNetStudio.Core.Http;

namespace OneNetStudio.Commands;

/// <summary>
/// Base of the history cmdlets: one device, a time range (by default the last 24 hours), and every page of the
/// answer streamed on the pipeline thread, so the first rows show at once and Ctrl+C stops the reading.
/// </summary>
public abstract class PlatformHistoryCommand : PlatformCmdlet
{
    private static readonly TimeSpan DefaultSpan = TimeSpan.FromHours(24);

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ProductIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string ProductId { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(DeviceNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string DeviceName { get; set; } = null!;

    /// <summary>From this time on (a DateTime or DateTimeOffset; a DateTime without a zone is local time).</summary>
    [Parameter]
    [PSDefaultValue(Help = "24 hours before -End")]
    public DateTimeOffset? Start { get; set; }

    /// <summary>Up to this time.</summary>
    [Parameter]
    [PSDefaultValue(Help = "Now")]
    public DateTimeOffset? End { get; set; }

    private protected DateTimeOffset RangeStart { get; private set; }

    private protected DateTimeOffset RangeEnd { get; private set; }

    protected override void BeginProcessing()
    {
        RangeEnd = End ?? DateTimeOffset.Now;
        RangeStart = Start ?? RangeEnd - DefaultSpan;
        if (RangeStart > RangeEnd)
        {
            ThrowTerminatingError(Errors.InvalidTimeRange(RangeStart, RangeEnd));
        }
    }

    /// <summary>The product's thing model (read once per session), or null when reading it failed (the error is written).</summary>
    private protected ApiThingModel? ThingModel() =>
        TryAwait(Channel.GetThingModelAsync(ProductId, StopToken), Platform.PropertyTarget.Of(ProductId, DeviceName), $"Thing model of {ProductId}", out var model)
            ? model
            : null;
}
