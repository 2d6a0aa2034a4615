using System.Management.Automation;
using OneNetStudio.Core.Connection;
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

    public static ErrorRecord ConnectFailed(OneNetConnectException ex) => ex.Failure switch
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

    public static ErrorRecord SimulatorFailed(Exception ex, object? target) =>
        new(ex, "OneNetSimulatorStartFailed", ErrorCategory.ResourceUnavailable, target);
}
