using System.Buffers;
using System.Collections;
using System.Collections.Specialized;
using System.Diagnostics;
using System.Management.Automation;
using System.Text;
using System.Text.Json;
using OneNetStudio.Core.Http;
using OneNetStudio.Core.Requests;
using OneNetStudio.Core.Things;
using OneNetStudio.Platform;
using OneNetStudio.Transforms;

namespace OneNetStudio.Commands;

/// <summary>
/// Calls a device service on each device (CallService), synchronous or asynchronous as the thing model says. Every
/// call ends in a result: Succeeded with the output, Pending with the request id for Get-OneNetServiceRecord, or
/// Failed, which is also written as an error so that -ErrorAction Stop and $? work. A call is never repeated.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "OneNetService", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(OneNetServiceResult))]
public sealed class InvokeOneNetServiceCommand : DeviceBatchCmdlet
{
    /// <summary>The service's identifier in the thing model.</summary>
    [Parameter(Mandatory = true, Position = 2)]
    [ArgumentCompleter(typeof(ServiceNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = null!;

    /// <summary>The service's input: identifier → value (a hashtable, an [ordered] dictionary or a [pscustomobject]).</summary>
    [Parameter(Position = 3)]
    [DictionaryTransformation]
    [AllowEmptyCollection]
    [PSDefaultValue(Help = "No input")]
    public IDictionary Parameter { get; set; } = new Hashtable();

    /// <summary>Send the input as it is, without checking it against the service's inputs in the thing model: the platform judges it.</summary>
    [Parameter]
    public SwitchParameter SkipModelCheck { get; set; }

    protected override void ProcessRecord()
    {
        if (!TryGetThingModel(ProductId, out var model))
        {
            return;
        }
        if (model.FindService(Name) is not { } service)
        {
            WriteError(ServiceErrors.NotFound(model, Name));
            return;
        }
        if (!TryCheckInput(model, service, out var checkedInput))
        {
            return;
        }
        OrderedDictionary input;
        string inputJson;
        try
        {
            input = PlainInput(checkedInput, out inputJson);
        }
        catch (ArgumentException ex)
        {
            WriteError(ServiceErrors.InvalidInput(ex, Parameter!));
            return;
        }
        var productId = ProductId;
        var what = $"Call service {Name} with {inputJson}";
        foreach (var deviceName in DeviceName)
        {
            if (ShouldProcess($"{productId}/{deviceName}", what))
            {
                StartCall(deviceName, $"Service {Name} on {productId}/{deviceName}", call => CallAsync(call, model, service, productId, deviceName, input));
            }
        }
    }

    /// <summary>
    /// Every input is one of the service's parameters with a value of its type and range; strings that convert exactly
    /// are converted (and -Verbose says so). One error for the whole call otherwise, before anything is called.
    /// </summary>
    private bool TryCheckInput(ApiThingModel model, ApiThingService service, out IDictionary input)
    {
        input = Parameter ?? new Hashtable();
        if (SkipModelCheck || input.Count == 0)
        {
            return true;
        }
        var check = ThingModelCheck.ServiceInput(model, service.Identifier, input, PowerShellValues.Unwrap);
        foreach (var conversion in check.Conversions)
        {
            WriteVerbose($"Service {service.Identifier} of product {model.ProductId}: {conversion}");
        }
        if (check.Values is null)
        {
            WriteError(ServiceErrors.InputCheckFailed(model.ProductId, service.Identifier, check.Problems, input));
            return false;
        }
        input = check.Values;
        return true;
    }

    private async Task CallAsync(PlatformCall call, ApiThingModel model, ApiThingService service, string productId, string deviceName, OrderedDictionary input)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var result = await Api.CallServiceAsync(productId, deviceName, service.Identifier, input, model, call.Cancellation).ConfigureAwait(false);
            call.Output(PlatformOutput.ServiceCalled(productId, deviceName, service.Identifier, service, result, clock.Elapsed));
        }
        catch (OneNetApiException ex)
        {
            var failed = PlatformOutput.ServiceFailed(productId, deviceName, service.Identifier, service, ex, clock.Elapsed);
            call.Output(failed);
            call.Error(Errors.Api(ex, failed, $"Service {service.Identifier} on {productId}/{deviceName}"));
        }
    }

    /// <summary>
    /// The input as plain values, read from PowerShell's objects here on the pipeline thread rather than on the calls'
    /// threads: written as the request will carry it, then read back. A value with no JSON form, or an input too big
    /// to send, is one error here.
    /// </summary>
    private static OrderedDictionary PlainInput(IDictionary input, out string json)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            SetPayload.WriteParams(writer, input, PowerShellValues.Unwrap);
        }
        if (buffer.WrittenCount > OpenApiDialect.MaxBodyBytes)
        {
            throw new ArgumentException($"The input is {buffer.WrittenCount:N0} bytes as JSON; the platform accepts at most {OpenApiDialect.MaxBodyBytes:N0} bytes per call.");
        }
        json = Encoding.UTF8.GetString(buffer.WrittenSpan);
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return (OrderedDictionary)JsonValues.ToNatural(document.RootElement)!;
    }
}
