using System.Net;

namespace OneNetStudio.Simulator.Api;

/// <summary>
/// A failed API call as the platform answers it: the code suffix of product.md 2.7 (the envelope prefixes
/// <c>iot.{namespace}.</c>), its message, and the HTTP status (200 for every platform error; other statuses only where
/// HTTP itself fails: unknown path, wrong method, body too large, rate limit).
/// </summary>
internal sealed class ApiFailure(string suffix, string message, HttpStatusCode status = HttpStatusCode.OK) : Exception(message)
{
    public string Suffix { get; } = suffix;
    public HttpStatusCode Status { get; } = status;

    public static ApiFailure AuthPermissionDeny() => new("authPermissionDeny", "auth failed: the authorization token was refused");
    public static ApiFailure ResourcePermissionDeny(string what) => new("resourePermissionDeny", $"no permission to access the resource: {what}");
    public static ApiFailure ParameterRequired(string name) => new("parameterRequired", $"parameter required: {name}");
    public static ApiFailure InvalidParameter(string problem) => new("invalidParameter", $"invalid parameter: {problem}");
    public static ApiFailure ProjectNotFound() => new("projectNotFound", "project does not exist");
    public static ApiFailure ProductNotFound() => new("productNotFound", "product does not exist");
    public static ApiFailure DeviceNotFound() => new("deviceNotFound", "device does not exist");

    public static ApiFailure NotFound(string what) => new("invalidParameter", $"invalid parameter: {what}", HttpStatusCode.NotFound);
    public static ApiFailure MethodNotAllowed(string action, string method) => new("invalidParameter", $"invalid parameter: {action} is called with {method}", HttpStatusCode.MethodNotAllowed);
    public static ApiFailure BodyTooLarge() => new("invalidParameter", "invalid parameter: the request body is larger than 4 MB", HttpStatusCode.RequestEntityTooLarge);
    public static ApiFailure RateLimited(int limit) => new("reachRateLimit", $"too many requests: at most {limit} calls per second per IP", HttpStatusCode.TooManyRequests);
}
