namespace OneNetStudio.Core.Http;

/// <summary>
/// A failed HTTP API call: an error the platform answered with, a non-2xx status, or a transport failure that outlived
/// the retries. Never carries the access key or the token.
/// </summary>
public sealed class OneNetApiException : Exception
{
    public OneNetApiException(OneNetApiErrorKind kind, string message, string action, string? fullCode = null,
        string? platformMessage = null, string? requestId = null, int? httpStatus = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        Action = action;
        FullCode = fullCode;
        Code = fullCode is null ? null : OneNetApiErrorCodes.Suffix(fullCode);
        PlatformMessage = platformMessage;
        RequestId = requestId;
        HttpStatus = httpStatus;
    }

    public OneNetApiErrorKind Kind { get; }

    /// <summary><c>"OneNet" + Kind</c>: the stable error id (<c>OneNetDeviceNotFound</c>, <c>OneNetAccessDenied</c>, …).</summary>
    public string ErrorId => "OneNet" + Kind;

    /// <summary>The operation that failed (<c>QueryDeviceList</c>, …).</summary>
    public string Action { get; }

    /// <summary>The platform's code without its namespace prefix (<c>deviceNotFound</c>); null when the platform gave none.</summary>
    public string? Code { get; }

    /// <summary>The platform's code as sent (<c>iot.application.deviceNotFound</c>).</summary>
    public string? FullCode { get; }

    /// <summary>The platform's own words (<c>msg</c>).</summary>
    public string? PlatformMessage { get; }

    /// <summary>The platform's id of the request, for its support.</summary>
    public string? RequestId { get; }

    /// <summary>The HTTP status when an answer came; null for a transport failure.</summary>
    public int? HttpStatus { get; }
}
