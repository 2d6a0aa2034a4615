using System.Collections;
using System.Management.Automation;
using OneNetStudio.Core;
using OneNetStudio.Core.Http;

namespace OneNetStudio.Commands;

/// <summary>The errors of device service calls and their records that are not the platform's own.</summary>
internal static class ServiceErrors
{
    /// <summary>The thing model has no service of that name: nothing was called.</summary>
    public static ErrorRecord NotFound(ApiThingModel model, string name)
    {
        var services = model.Services.Select(s => s.Identifier).ToList();
        var likely = Core.Things.NearestIdentifier.Find(name, services);
        var known = services.Count == 0 ? "it has none" : $"it has {string.Join(", ", services)}";
        return new ErrorRecord(
            new ItemNotFoundException($"The thing model of product {model.ProductId} has no service '{name}' ({known}), so nothing was called.{(likely is null ? "" : $" Did you mean '{likely}'?")}"),
            "OneNetServiceNotFound", ErrorCategory.ObjectNotFound, name);
    }

    /// <summary>-Parameter holds something that has no JSON form (or is too big to send).</summary>
    public static ErrorRecord InvalidInput(ArgumentException ex, IDictionary input) =>
        new(new ArgumentException($"-Parameter cannot be sent: {ex.Message}", ex), "OneNetInvalidServiceInput", ErrorCategory.InvalidArgument, input);

    /// <summary>
    /// -Parameter does not fit the service's inputs in the thing model (an unknown input, or a value of the wrong type or
    /// outside its range): nothing was called.
    /// </summary>
    public static ErrorRecord InputCheckFailed(string productId, string service, IReadOnlyList<Core.Things.ThingCheckProblem> problems, IDictionary input)
    {
        var first = problems[0];
        var (errorId, category) = first.Kind == Core.Things.ThingCheckProblemKind.Unknown
            ? ("OneNetUnknownServiceInput", ErrorCategory.ObjectNotFound)
            : ("OneNetInvalidServiceInput", ErrorCategory.InvalidArgument);
        var message = $"Service {service} of product {productId} was not called: {string.Join(" ", problems.Select(p => p.Message))}";
        return new ErrorRecord(new ArgumentException(message), errorId, category, input)
        {
            ErrorDetails = new ErrorDetails(message)
            {
                RecommendedAction = first.Suggestion is { } nearest ? $"Use '{nearest}'." : "Fix the input, or add -SkipModelCheck to let the platform judge it.",
            },
        };
    }

    /// <summary>The platform knows no call by that request id (its only parameter is the id).</summary>
    public static ErrorRecord RecordNotFound(string requestId, OneNetApiException ex) => new(
        new ItemNotFoundException(Sentences.End($"The platform has no record of a service call with request id '{requestId}': {ex.PlatformMessage ?? ex.Message}"), ex),
        "OneNetServiceRecordNotFound", ErrorCategory.ObjectNotFound, requestId);

    /// <summary>A record that says the call failed (the device never answered, or refused): the id a failed call has.</summary>
    public static ErrorRecord Failed(OneNetServiceResult failed) => new(
        new InvalidOperationException(Sentences.End($"The service call {failed.RequestId} ({Describe(failed)}) failed: {failed.Code} {failed.Message}".TrimEnd())),
        "OneNet" + nameof(OneNetApiErrorKind.ServiceFailed), ErrorCategory.ResourceUnavailable, failed);

    /// <summary>-Wait ran out while the device had still not answered.</summary>
    public static ErrorRecord StillPending(OneNetServiceResult pending, double timeoutSec) => new(
        new TimeoutException($"The service call {pending.RequestId} ({Describe(pending)}) was still pending after -TimeoutSec {timeoutSec}; read its record again later."),
        "OneNetServiceRecordTimeout", ErrorCategory.OperationTimeout, pending);

    private static string Describe(OneNetServiceResult result) =>
        result.DeviceName.Length == 0 ? result.Name : $"{result.Name} on {result.ProductId}/{result.DeviceName}";
}
