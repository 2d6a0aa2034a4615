using System.Management.Automation;
using OneNetStudio.Core;

namespace OneNetStudio.Commands;

/// <summary>
/// How a set's reply reaches the user: always as output, and when it failed or timed out also as a non-terminating
/// error, so that -ErrorAction Stop and $? work in scheduled scripts.
/// </summary>
internal static class ReplyOutput
{
    public static void Write(PSCmdlet cmdlet, OneNetSetReply reply)
    {
        cmdlet.WriteObject(reply);
        if (ErrorFor(reply) is { } error)
        {
            cmdlet.WriteError(error);
        }
    }

    public static ErrorRecord? ErrorFor(OneNetSetReply reply) => reply.Status switch
    {
        SetStatus.Failed => new ErrorRecord(
            new InvalidOperationException(Sentences.End($"Set {reply.RequestId} on {reply.ProductId}/{reply.DeviceName} failed: {reply.Code} {reply.Message}")),
            "OneNetSetFailed", CategoryOf(reply.Code), reply),
        SetStatus.TimedOut => new ErrorRecord(
            new TimeoutException($"Set {reply.RequestId} on {reply.ProductId}/{reply.DeviceName}: {reply.Message} The set may still take effect."),
            "OneNetReplyTimeout", ErrorCategory.OperationTimeout, reply),
        _ => null,
    };

    private static ErrorCategory CategoryOf(string? code) => code switch
    {
        "deviceNotFound" => ErrorCategory.ObjectNotFound,
        "deviceNotOnline" => ErrorCategory.ResourceUnavailable,
        "identifierNotExist" or "dataTypeError" or "badRequest" => ErrorCategory.InvalidArgument,
        "ConnectionLost" or "PublishFailed" or "SessionClosed" => ErrorCategory.ConnectionError,
        "SubscriptionRefused" => ErrorCategory.PermissionDenied,
        _ => ErrorCategory.InvalidResult,
    };
}
