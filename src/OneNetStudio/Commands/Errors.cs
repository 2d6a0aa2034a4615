using System.Management.Automation;
using OneNetStudio.Core.Connection;
using OneNetStudio.Core.Http;
using OneNetStudio.Core.Topics;

namespace OneNetStudio.Commands;

/// <summary>Every error record the module writes: stable ids, the right category, the offending object as target.</summary>
internal static class Errors
{
    public static ErrorRecord NoSession() => new(
        new InvalidOperationException("There is no OneNET session in this runspace. Run Connect-OneNet first (or Connect-OneNet -Simulator (Start-OneNetSimulator) to try the module offline)."),
        "OneNetNoSession", ErrorCategory.ConnectionError, null);

    public static ErrorRecord SessionClosed(OneNetSessionClosedException ex, OneNetSession session) =>
        new(ex, "OneNetSessionClosed", ErrorCategory.ConnectionError, session);

    /// <summary>The record for a failed connect: Core says what happened, this layer adds which parameters to check.</summary>
    public static ErrorRecord ConnectFailed(OneNetConnectException ex, ConnectionOptions options)
    {
        var record = ConnectFailureRecord(ex);
        record.ErrorDetails = new ErrorDetails($"{ex.Message} {ConnectAdvice(ex, options)}");
        return record;
    }

    private static string ConnectAdvice(OneNetConnectException ex, ConnectionOptions options) => ex.Failure switch
    {
        ConnectFailure.Refused when ex.ConnackCode == 2 => "Choose another -ClientId (letters and digits, unique on the platform).",
        ConnectFailure.Refused when ex.ConnackCode is 4 or 5 => (options.Scope.Kind == ScopeKind.User
                ? "Check that -UserId is your OneNET user id and that -AccessKey is that user's access key."
                : "Check -ProjectId and -GroupId and that -AccessKey is that project group's key.")
            + " Also check that this machine's clock is right: the token expires at a Unix time.",
        ConnectFailure.Refused => "Try again later.",
        ConnectFailure.CertificateInvalid => "Trust a private certificate authority with -CertificateAuthority (or ONENET_CA_FILE); -SkipCertificateCheck turns every check off.",
        ConnectFailure.TlsHandshakeFailed => "Check -Server and -Port; without -UseTls the module connects over plain TCP.",
        ConnectFailure.NotMqtt => options.UseTls ? "Check -Server and -Port." : "Check -Server and -Port; if it is a TLS port, add -UseTls.",
        _ => "Check -Server and -Port, the network and any firewall.",
    };

    private static ErrorRecord ConnectFailureRecord(OneNetConnectException ex) => ex.Failure switch
    {
        ConnectFailure.Refused => new ErrorRecord(ex, "OneNetConnectRefused", ErrorCategory.AuthenticationError, ex.Endpoint),
        ConnectFailure.TimedOut => new ErrorRecord(ex, "OneNetConnectTimeout", ErrorCategory.OperationTimeout, ex.Endpoint),
        ConnectFailure.CertificateInvalid => new ErrorRecord(ex, "OneNetCertificateInvalid", ErrorCategory.SecurityError, ex.Endpoint),
        ConnectFailure.TlsHandshakeFailed => new ErrorRecord(ex, "OneNetTlsHandshakeFailed", ErrorCategory.ProtocolError, ex.Endpoint),
        ConnectFailure.NotMqtt => new ErrorRecord(ex, "OneNetNotMqttBroker", ErrorCategory.ProtocolError, ex.Endpoint),
        _ => new ErrorRecord(ex, "OneNetServerUnreachable", ErrorCategory.ConnectionError, ex.Endpoint),
    };

    /// <summary>Null when <paramref name="productId"/> can form a topic; otherwise the error that says why not.</summary>
    public static ErrorRecord? InvalidProductId(string productId) =>
        OneNetTopics.ValidateSegment(productId) is { } problem
            ? InvalidParameter("OneNetInvalidProductId", $"Product id '{productId}' cannot form a topic: {problem}.", productId)
            : null;

    /// <summary>Null when <paramref name="deviceName"/> can form a topic; otherwise the error that says why not.</summary>
    public static ErrorRecord? InvalidDeviceName(string deviceName) =>
        OneNetTopics.ValidateSegment(deviceName) is { } problem
            ? InvalidParameter("OneNetInvalidDeviceName", $"Device name '{deviceName}' cannot form a topic: {problem}.", deviceName)
            : null;

    public static ErrorRecord InvalidParameter(string errorId, string message, object? target) =>
        new(new ArgumentException(message), errorId, ErrorCategory.InvalidArgument, target);

    /// <summary>A -Name without wildcards that is not among the device's (or its thing model's) properties.</summary>
    public static ErrorRecord PropertyNotFound(string productId, string deviceName, string name, IEnumerable<string> known) => new(
        new ItemNotFoundException($"Device {productId}/{deviceName} has no property '{name}'. Its thing model's properties: {string.Join(", ", known)}."),
        "OneNetPropertyNotFound", ErrorCategory.ObjectNotFound, Platform.PropertyTarget.Of(productId, deviceName, name));

    /// <summary>A set refused by the thing model before anything was published: one record per device, named by the first problem.</summary>
    public static ErrorRecord ThingModelCheckFailed(string productId, string deviceName, IReadOnlyList<Core.Things.ThingCheckProblem> problems)
    {
        var first = problems[0];
        var (errorId, category) = first.Kind switch
        {
            Core.Things.ThingCheckProblemKind.Unknown => ("OneNetUnknownProperty", ErrorCategory.ObjectNotFound),
            Core.Things.ThingCheckProblemKind.ReadOnly => ("OneNetReadOnlyProperty", ErrorCategory.PermissionDenied),
            _ => ("OneNetInvalidPropertyValue", ErrorCategory.InvalidArgument),
        };
        var message = $"Nothing was sent to {productId}/{deviceName}: {string.Join(" ", problems.Select(p => p.Message))}";
        return new ErrorRecord(new ArgumentException(message), errorId, category, Platform.PropertyTarget.Of(productId, deviceName, first.Identifier))
        {
            ErrorDetails = new ErrorDetails(message)
            {
                RecommendedAction = first.Suggestion is { } nearest ? $"Use '{nearest}'." : "Fix the value, or add -SkipModelCheck to let the platform judge it.",
            },
        };
    }

    /// <summary>An event -Name that is not in the product's thing model.</summary>
    public static ErrorRecord EventNotFound(string productId, string deviceName, string name, IEnumerable<string> known) => new(
        new ItemNotFoundException($"Product {productId} has no event '{name}' in its thing model. Its events: {string.Join(", ", known)}."),
        "OneNetEventNotFound", ErrorCategory.ObjectNotFound, Platform.PropertyTarget.Of(productId, deviceName, name));

    public static ErrorRecord InvalidTimeRange(DateTimeOffset start, DateTimeOffset end) => InvalidParameter("OneNetInvalidTimeRange",
        $"-Start ({start.ToLocalTime():yyyy-MM-dd HH:mm:ss}) is after -End ({end.ToLocalTime():yyyy-MM-dd HH:mm:ss}): give a -Start at or before -End.", start);

    public static ErrorRecord SimulatorFailed(Exception ex, object? target) =>
        new(ex, "OneNetSimulatorStartFailed", ErrorCategory.ResourceUnavailable, target);

    /// <summary>
    /// A failed HTTP API call: the id is "OneNet" + its family (OneNetDeviceNotFound, OneNetAccessDenied, …), the
    /// exception carries the platform's code, message and request id, and <paramref name="target"/> is what the call
    /// was about (the device, the request id). <paramref name="about"/> names it in the message.
    /// </summary>
    public static ErrorRecord Api(OneNetApiException ex, object? target, string? about = null)
    {
        var record = new ErrorRecord(ex, ex.ErrorId, ApiCategory(ex.Kind), target);
        if (about is not null)
        {
            record.ErrorDetails = new ErrorDetails($"{about}: {ex.Message}");
        }
        return record;
    }

    /// <summary>An application call on a user session opened without -ProjectId.</summary>
    public static ErrorRecord ProjectRequired(OneNetSession session, string command) => new(
        new InvalidOperationException($"{command} asks the platform's HTTP API, which works inside one project, and session {session.Id} ({session.Username}) was opened without one. Connect again with -ProjectId <project id> (or set {ConnectProjectIdVariable})."),
        "OneNetProjectRequired", ErrorCategory.InvalidOperation, session);

    private const string ConnectProjectIdVariable = "ONENET_PROJECT_ID";

    private static ErrorCategory ApiCategory(OneNetApiErrorKind kind) => kind switch
    {
        OneNetApiErrorKind.DeviceNotFound or OneNetApiErrorKind.ProjectNotFound or OneNetApiErrorKind.ProductNotFound => ErrorCategory.ObjectNotFound,
        OneNetApiErrorKind.AccessDenied => ErrorCategory.PermissionDenied,
        OneNetApiErrorKind.InvalidParameter => ErrorCategory.InvalidArgument,
        OneNetApiErrorKind.ServiceFailed => ErrorCategory.ResourceUnavailable,
        OneNetApiErrorKind.RateLimited => ErrorCategory.LimitsExceeded,
        OneNetApiErrorKind.ServerError => ErrorCategory.ResourceUnavailable,
        OneNetApiErrorKind.HttpError => ErrorCategory.ProtocolError,
        OneNetApiErrorKind.Unreachable => ErrorCategory.ConnectionError,
        OneNetApiErrorKind.CertificateInvalid => ErrorCategory.SecurityError,
        OneNetApiErrorKind.TimedOut => ErrorCategory.OperationTimeout,
        OneNetApiErrorKind.InvalidResponse => ErrorCategory.InvalidData,
        _ => ErrorCategory.InvalidResult,
    };
}
