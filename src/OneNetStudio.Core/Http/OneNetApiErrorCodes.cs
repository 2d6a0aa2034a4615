namespace OneNetStudio.Core.Http;

/// <summary>
/// The platform's error codes (product.md 2.7). Codes come with a namespace prefix
/// (<c>iot.application.deviceNotFound</c>): only the suffix after the last dot is matched. The misspellings are the platform's.
/// </summary>
public static class OneNetApiErrorCodes
{
    public const string AuthPermissionDeny = "authPermissionDeny";
    public const string ResourcePermissionDeny = "resourePermissionDeny";
    public const string ParameterRequired = "parameterRequired";
    public const string ParameterMissing = "parameterMissing";
    public const string InvalidParameter = "invalidParameter";
    public const string ProjectNotFound = "projectNotFound";
    public const string ProductNotFound = "productNotFound";
    public const string DeviceNotFound = "deviceNotFound";
    public const string SetPropertyFailed = "setPropertyFailed";
    public const string SetDesiredPropertyFailed = "setDesiredPeropertyFailed";
    public const string QueryDesiredPropertyFailed = "queryDesiredProperyFailed";
    public const string DeleteDesiredPropertyFailed = "deleteDesiredPeropertyFailed";
    public const string GetTmProperties = "getTmProperties";
    public const string CallTmService = "callTmService";
    public const string QueryCurrentData = "queryCurrentData";
    public const string QueryPropertyHistoryData = "queryPropertyHistoryData";
    public const string QueryEventHistoryData = "queryEventHistoryData";

    /// <summary>The part after the namespace prefix: <c>iot.application.deviceNotFound</c> → <c>deviceNotFound</c>.</summary>
    public static string Suffix(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var trimmed = code.Trim();
        var dot = trimmed.LastIndexOf('.');
        return dot < 0 ? trimmed : trimmed[(dot + 1)..];
    }

    /// <summary>The family of a code, with or without its prefix; case does not matter.</summary>
    public static OneNetApiErrorKind Classify(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return OneNetApiErrorKind.PlatformError;
        }
        var suffix = Suffix(code);
        return Is(suffix, DeviceNotFound) ? OneNetApiErrorKind.DeviceNotFound
            : Is(suffix, AuthPermissionDeny) || Is(suffix, ResourcePermissionDeny) ? OneNetApiErrorKind.AccessDenied
            : Is(suffix, ParameterRequired) || Is(suffix, ParameterMissing) || Is(suffix, InvalidParameter) ? OneNetApiErrorKind.InvalidParameter
            : Is(suffix, ProjectNotFound) ? OneNetApiErrorKind.ProjectNotFound
            : Is(suffix, ProductNotFound) ? OneNetApiErrorKind.ProductNotFound
            : Is(suffix, SetPropertyFailed) || Is(suffix, SetDesiredPropertyFailed) || Is(suffix, QueryDesiredPropertyFailed)
              || Is(suffix, DeleteDesiredPropertyFailed) || Is(suffix, GetTmProperties) || Is(suffix, CallTmService)
              || Is(suffix, QueryCurrentData) || Is(suffix, QueryPropertyHistoryData) || Is(suffix, QueryEventHistoryData)
                ? OneNetApiErrorKind.ServiceFailed
            : OneNetApiErrorKind.PlatformError;
    }

    private static bool Is(string suffix, string code) => suffix.Equals(code, StringComparison.OrdinalIgnoreCase);
}
