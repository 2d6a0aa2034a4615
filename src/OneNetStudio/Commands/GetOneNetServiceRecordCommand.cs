using System.Diagnostics;
using System.Management.Automation;
using OneNetStudio.Core.Http;
using OneNetStudio.Platform;

namespace OneNetStudio.Commands;

/// <summary>
/// The outcome of service calls by their request ids (QueryServiceRecord): how an asynchronous call ended, or that it
/// is still pending. -Wait polls until the device has answered (or never will).
/// </summary>
[Cmdlet(VerbsCommon.Get, "OneNetServiceRecord")]
[OutputType(typeof(OneNetServiceResult))]
public sealed class GetOneNetServiceRecordCommand : ThingModelCmdlet
{
    private const int RecordsInFlight = 16;
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(500);

    /// <summary>The calls' request ids (the RequestId of Invoke-OneNetService's results).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] RequestId { get; set; } = null!;

    /// <summary>The product of the calls: their output is then typed by its thing model. The record does not name it.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ProductIdCompleter))]
    [PSDefaultValue(Help = "None: the output keeps its JSON types and the result no product")]
    public string? ProductId { get; set; }

    /// <summary>The device of the calls, to show on the results. The record does not name it.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(DeviceNameCompleter))]
    [PSDefaultValue(Help = "None")]
    public string? DeviceName { get; set; }

    /// <summary>Poll each pending call's record until the device has answered or -TimeoutSec has passed.</summary>
    [Parameter]
    public SwitchParameter Wait { get; set; }

    [Parameter]
    [ValidateRange(0.001, 86_400.0)]
    [PSDefaultValue(Value = 60.0)]
    public double TimeoutSec { get; set; } = 60.0;

    protected override int MaxInFlight => RecordsInFlight;

    protected override void ProcessRecord()
    {
        ApiThingModel? model = null;
        if (!string.IsNullOrEmpty(ProductId) && !TryGetThingModel(ProductId, out model))
        {
            return;
        }
        var productId = string.IsNullOrEmpty(ProductId) ? null : ProductId;
        var deviceName = string.IsNullOrEmpty(DeviceName) ? null : DeviceName;
        var waitAtMost = Wait ? TimeSpan.FromSeconds(TimeoutSec) : TimeSpan.Zero;
        foreach (var requestId in RequestId)
        {
            StartCall(requestId, $"Service call {requestId}", call => ReadAsync(call, requestId, model, productId, deviceName, waitAtMost));
        }
    }

    private async Task ReadAsync(PlatformCall call, string requestId, ApiThingModel? model, string? productId, string? deviceName, TimeSpan waitAtMost)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            ApiServiceRecord record;
            try
            {
                record = await Api.QueryServiceRecordAsync(requestId, model, call.Cancellation).ConfigureAwait(false);
            }
            catch (OneNetApiException ex) when (ex.Kind == OneNetApiErrorKind.InvalidParameter)
            {
                call.Error(ServiceErrors.RecordNotFound(requestId, ex));
                return;
            }
            var result = PlatformOutput.ServiceRecord(record, productId, deviceName);
            if (result.Status != ServiceStatus.Pending || waitAtMost == TimeSpan.Zero)
            {
                call.Output(result);
                if (result.Status == ServiceStatus.Failed)
                {
                    call.Error(ServiceErrors.Failed(result));
                }
                return;
            }
            var left = waitAtMost - clock.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                call.Output(result);
                call.Error(ServiceErrors.StillPending(result, TimeoutSec));
                return;
            }
            await Task.Delay(left < PollEvery ? left : PollEvery, call.Cancellation).ConfigureAwait(false);
        }
    }
}
