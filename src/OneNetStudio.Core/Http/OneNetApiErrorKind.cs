namespace OneNetStudio.Core.Http;

/// <summary>
/// The family a failed API call belongs to. Stable: the module's error ids are <c>"OneNet" + kind</c>
/// (<see cref="OneNetApiException.ErrorId"/>), so scripts can match on them.
/// </summary>
public enum OneNetApiErrorKind
{
    /// <summary>A platform code this version does not classify; <see cref="OneNetApiException.Code"/> has it.</summary>
    PlatformError,

    /// <summary><c>deviceNotFound</c>: no such device, or not in the project.</summary>
    DeviceNotFound,

    /// <summary><c>authPermissionDeny</c>, <c>resourePermissionDeny</c>, or HTTP 401/403: wrong key, or outside the identity's reach.</summary>
    AccessDenied,

    /// <summary><c>parameterRequired</c>, <c>parameterMissing</c>, <c>invalidParameter</c>.</summary>
    InvalidParameter,

    /// <summary><c>projectNotFound</c>.</summary>
    ProjectNotFound,

    /// <summary><c>productNotFound</c>.</summary>
    ProductNotFound,

    /// <summary>
    /// The platform took the call but could not carry it out (<c>setPropertyFailed</c>, <c>callTmService</c>,
    /// <c>getTmProperties</c>, <c>query…</c>, …): typically the device is offline or did not answer in time.
    /// </summary>
    ServiceFailed,

    /// <summary>HTTP 429 still after the retries.</summary>
    RateLimited,

    /// <summary>HTTP 5xx still after the retries.</summary>
    ServerError,

    /// <summary>Another non-2xx HTTP status without a platform error in the body.</summary>
    HttpError,

    /// <summary>No connection could be made (or it broke) still after the retries.</summary>
    Unreachable,

    /// <summary>The https endpoint's certificate was refused (untrusted, wrong name, expired).</summary>
    CertificateInvalid,

    /// <summary>No answer within the timeout still after the retries.</summary>
    TimedOut,

    /// <summary>The body is not the platform's JSON envelope.</summary>
    InvalidResponse,
}
