using System.Collections;
using System.Diagnostics;
using System.Management.Automation;
using OneNetStudio.Core.Connection;
using OneNetStudio.Core.Http;
using OneNetStudio.Core.Things;
using OneNetStudio.Core.Requests;
using OneNetStudio.Pipeline;
using OneNetStudio.Transforms;

namespace OneNetStudio.Commands;

/// <summary>
/// Set-OneNetProperty and Set-OneNetDesiredProperty: validate each pipeline item, publish it, keep up to
/// -ThrottleLimit sets in flight, and write each reply on the pipeline thread as it arrives. Before publishing, each
/// item's values are checked against the product's thing model (read once per product per session; when it cannot
/// be read the sets go on unchecked, with one warning): a set the model refuses is an error and is not published.
/// </summary>
public abstract class SetPropertyCommandBase : OneNetCmdlet
{
    private static readonly TimeSpan ProgressAfter = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromMilliseconds(250);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _lastProgress;
    private int _inFlight;   // every set this command has going, -NoWait ones too: what -ThrottleLimit bounds
    private int _awaited;    // those whose replies this command writes
    /// <summary>Both set cmdlets' ConfirmImpact; ShouldProcessOnlySaysYes compares $ConfirmPreference with it.</summary>
    internal const ConfirmImpact Impact = ConfirmImpact.Medium;

    private int _sent;
    private int _answered;
    private OneNetSession? _session;
    private OneNetSession? _checkSession;
    private Action<object>? _onSetFinished; // one delegate for the command, not one per set
    private static readonly TimeSpan ModelWait = TimeSpan.FromSeconds(5);
    private readonly Dictionary<string, ApiThingModel?> _models = new(StringComparer.Ordinal); // null: unchecked
    private bool? _shouldProcessSaysYes;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(ProductIdCompleter))]
    public string ProductId { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(DeviceNameCompleter))]
    public string[] DeviceName { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
    [AllowEmptyCollection]
    public IDictionary Property { get; set; } = null!;

    /// <summary>How long each set waits for its reply; each cmdlet declares the parameter with its own default.</summary>
    public abstract double TimeoutSec { get; set; }

    [Parameter]
    [ValidateRange(1, 10_000)]
    [PSDefaultValue(Value = 100)]
    public int ThrottleLimit { get; set; } = 100;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [PSDefaultValue(Help = "A new random 32-hex id per set")]
    public string? RequestId { get; set; }

    [Parameter]
    public SwitchParameter NoWait { get; set; }

    /// <summary>Send the values as they are, without checking them against the thing model: the platform judges them.</summary>
    [Parameter]
    public SwitchParameter SkipModelCheck { get; set; }

    [Parameter]
    [PSDefaultValue(Help = "The current session")]
    public OneNetSession? Session { get; set; }

    protected abstract SetKind Kind { get; }

    protected override void ProcessRecord()
    {
        if (Errors.InvalidProductId(ProductId) is { } badProduct)
        {
            WriteError(badProduct);
            return;
        }
        if (RequestId is not null && RequestIds.Validate(RequestId) is { } idProblem)
        {
            WriteError(Errors.InvalidParameter("OneNetInvalidRequestId", $"Request id '{RequestId}' cannot be used: {idProblem}.", RequestId));
            return;
        }
        var checkedValues = CheckAgainstModel(Property);
        foreach (var deviceName in DeviceName)
        {
            if (Errors.InvalidDeviceName(deviceName) is { } badDevice)
            {
                WriteError(badDevice);
                continue;
            }
            if (checkedValues.Problems is { } problems)
            {
                WriteError(Errors.ThingModelCheckFailed(ProductId, deviceName, problems));
                continue;
            }
            Send(deviceName, checkedValues.Values);
            WriteFinished(block: false);
        }
    }

    protected override void EndProcessing()
    {
        while (_awaited > 0)
        {
            WriteFinished(block: true);
        }
        if (_lastProgress > TimeSpan.Zero)
        {
            WriteProgress(new ProgressRecord(1, Activity, "Done") { RecordType = ProgressRecordType.Completed });
        }
    }

    private string Activity => Kind == SetKind.Desired ? "Setting desired properties" : "Setting properties";

    /// <summary>
    /// The item's values as the thing model has them (converted where a string or number converts exactly), or the
    /// problems; the values as given when there is nothing to check against.
    /// </summary>
    private (IDictionary Values, IReadOnlyList<ThingCheckProblem>? Problems) CheckAgainstModel(IDictionary? property)
    {
        property ??= new Hashtable();
        if (SkipModelCheck || property.Count == 0 || SessionToCheckWith() is not { } session || ModelOf(session) is not { } model)
        {
            return (property, null);
        }
        var result = ThingModelCheck.Properties(model, property, PowerShellValues.Unwrap);
        foreach (var conversion in result.Conversions)
        {
            WriteVerbose($"Product {ProductId}: {conversion}");
        }
        return result.Values is { } values ? (values, null) : (property, result.Problems);
    }

    // The runspace's current session is looked up (under its lock) once per command, as Send does, not once per set.
    private OneNetSession? SessionToCheckWith() => _session ?? (_checkSession ??= Session ?? State.CurrentSession);

    /// <summary>The product's thing model, asked for once per command (the session keeps it); null to go unchecked.</summary>
    private ApiThingModel? ModelOf(OneNetSession session)
    {
        if (_models.TryGetValue(ProductId, out var known))
        {
            return known;
        }
        var read = Await(session.Fleet.ReadThingModelAsync(ProductId, ModelWait, StopToken));
        if (read.Model is null)
        {
            var reason = read.Failure?.Message.TrimEnd('.') ?? "no answer";
            var text = $"The thing model of product {ProductId} could not be read ({reason}), so its sets go unchecked and the platform judges them.";
            if (read.Remembered)
            {
                WriteVerbose(text); // the command that met the failure warned of it
            }
            else
            {
                WriteWarning(text + " Add -SkipModelCheck to go unchecked without asking for it.");
            }
        }
        _models[ProductId] = read.Model;
        return read.Model;
    }

    private void Send(string deviceName, IDictionary values)
    {
        var requestId = RequestId ?? RequestIds.New();
        byte[] payload;
        try
        {
            payload = SetPayload.Build(requestId, values, PowerShellValues.Unwrap);
        }
        catch (SetPayloadException ex)
        {
            WriteError(new ErrorRecord(ex, "OneNetInvalidProperty", ErrorCategory.InvalidArgument, Property));
            return;
        }
        if (!(_shouldProcessSaysYes ??= ShouldProcessOnlySaysYes())
            && !ShouldProcess($"{ProductId}/{deviceName}", $"Set {(Kind == SetKind.Desired ? "desired values" : "properties")} {ParamsOf(payload)}"))
        {
            return;
        }
        if (_session is null)
        {
            _session = ResolveSession(Session);
            Pump.Follow(_session);
        }
        EnsureOpen(_session);
        var command = new SetCommand(Kind, ProductId, deviceName, requestId, payload);
        while (_inFlight >= ThrottleLimit)
        {
            WriteFinished(block: true);
        }
        var sets = _session.Sets;
        if (!sets.TryStart(command, TimeSpan.FromSeconds(TimeoutSec), NoWait ? CancellationToken.None : StopToken, out var reply))
        {
            WriteError(new ErrorRecord(
                new InvalidOperationException($"A set with request id '{requestId}' is already waiting for its reply on session {_session.Id}; request ids must be unique while in flight."),
                "OneNetDuplicateRequestId", ErrorCategory.ResourceExists, requestId));
            return;
        }
        _sent++;
        _inFlight++;
        State.RememberDevices([(ProductId, deviceName)]);
        if (NoWait)
        {
            WriteObject(sets.Placeholder(command));
        }
        else
        {
            _awaited++;
        }
        // After the command ends the pump refuses the post: the reply is in the session's book all the same.
        reply.ContinueWith(static (finished, pump) => ((PipelinePump)pump!).PostItem(finished),
            Pump, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>
    /// True when ShouldProcess would answer yes without a word: no -WhatIf, no prompt (-Confirm, or $ConfirmPreference
    /// at or below this command's impact) and no verbose or debug output of its message. PowerShell formats its
    /// message and ours on every call even then; a fleet set skips both. Like PowerShell, which reads the WhatIf and
    /// Confirm preferences once per command, this is decided once per command; anything uncertain calls ShouldProcess.
    /// </summary>
    private bool ShouldProcessOnlySaysYes()
    {
        var bound = MyInvocation.BoundParameters;
        if (bound.ContainsKey("WhatIf") || bound.ContainsKey("Confirm") || bound.ContainsKey("Verbose") || bound.ContainsKey("Debug"))
        {
            return false;
        }
        return !LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"))
            && LanguagePrimitives.TryConvertTo<ConfirmImpact>(GetVariableValue("ConfirmPreference"), out var confirm)
            && (confirm == ConfirmImpact.None || confirm > Impact)
            && IsQuiet(GetVariableValue("VerbosePreference"))
            && IsQuiet(GetVariableValue("DebugPreference"));

        static bool IsQuiet(object? preference) => LanguagePrimitives.TryConvertTo<ActionPreference>(preference, out var action)
            && action is ActionPreference.SilentlyContinue or ActionPreference.Ignore;
    }

    /// <summary>Writes every set that has finished; with <paramref name="block"/>, waits for at least one.</summary>
    private void WriteFinished(bool block)
    {
        var wait = block && _inFlight > 0 ? ProgressEvery : TimeSpan.Zero;
        while (Drain(_onSetFinished ??= OnSetFinished, wait) == DrainResult.Item)
        {
            wait = TimeSpan.Zero; // at least one came: write the rest that is ready, then go on
        }
        ReportProgress();
    }

    private void OnSetFinished(object item)
    {
        var finished = (Task<OneNetSetReply>)item;
        _inFlight--;
        if (NoWait)
        {
            return; // the reply goes to the book, for Get-OneNetReply
        }
        _awaited--;
        if (finished.IsCanceled)
        {
            return;
        }
        _answered++;
        ReplyOutput.Write(this, finished.Result);
    }

    private void ReportProgress()
    {
        var now = _clock.Elapsed;
        if (now < ProgressAfter || now - _lastProgress < ProgressEvery)
        {
            return;
        }
        _lastProgress = now;
        WriteProgress(new ProgressRecord(1, Activity, $"{_answered} of {_sent} answered, {_inFlight} waiting")
        {
            PercentComplete = _sent == 0 ? 0 : (int)(100L * _answered / _sent),
        });
    }

    // The payload is {"requestId":"…","data":{"version":"1.0","params":{…}}}: the params are what lies between the
    // prefix and the two closing braces, so the what-if text costs no second parse per set.
    private static string ParamsOf(byte[] payload)
    {
        var start = payload.AsSpan().IndexOf("\"params\":"u8) + "\"params\":"u8.Length;
        return System.Text.Encoding.UTF8.GetString(payload, start, payload.Length - start - 2);
    }

}
