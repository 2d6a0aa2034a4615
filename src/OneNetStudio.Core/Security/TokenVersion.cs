namespace OneNetStudio.Core.Security;

/// <summary>The token versions the platform documents.</summary>
public static class TokenVersion
{
    /// <summary>Application side: user and project-group tokens, the long-connection channel.</summary>
    public const string Application = "2020-05-29";

    /// <summary>Device side: <c>res=products/{pid}/devices/{name}</c>.</summary>
    public const string Device = "2018-10-31";

    /// <summary>The newer HTTP API.</summary>
    public const string HttpApi = "2022-05-01";
}
