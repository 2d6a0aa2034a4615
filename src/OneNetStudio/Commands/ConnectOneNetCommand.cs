using System.Management.Automation;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using OneNetStudio.Core;
using OneNetStudio.Core.Connection;
using OneNetStudio.Core.Http;
using OneNetStudio.Core.Security;
using OneNetStudio.Transforms;

namespace OneNetStudio.Commands;

[Cmdlet(VerbsCommunications.Connect, "OneNet", DefaultParameterSetName = EnvironmentSet)]
[OutputType(typeof(OneNetSession))]
public sealed class ConnectOneNetCommand : OneNetCmdlet
{
    private const string UserSet = "User";
    private const string GroupSet = "Group";
    private const string CredentialSet = "Credential";
    private const string SimulatorSet = "Simulator";
    private const string EnvironmentSet = "Environment";

    /// <summary>The environment variables read when no identity parameter is given (names documented in help).</summary>
    internal const string UserIdVariable = "ONENET_USER_ID";
    internal const string ProjectIdVariable = "ONENET_PROJECT_ID";
    internal const string GroupIdVariable = "ONENET_GROUP_ID";
    internal const string AccessKeyVariable = "ONENET_ACCESS_KEY";
    internal const string ServerVariable = "ONENET_SERVER";
    internal const string PortVariable = "ONENET_PORT";
    internal const string CertificateAuthorityVariable = "ONENET_CA_FILE";
    internal const string ApiEndpointVariable = "ONENET_API_ENDPOINT";

    [Parameter(Mandatory = true, ParameterSetName = UserSet)]
    [ValidateNotNullOrEmpty]
    public string UserId { get; set; } = null!;

    /// <summary>The project group's project; for a user, the project the HTTP API acts in.</summary>
    [Parameter(Mandatory = true, ParameterSetName = GroupSet)]
    [Parameter(ParameterSetName = UserSet)]
    [Parameter(ParameterSetName = CredentialSet)]
    [Parameter(ParameterSetName = SimulatorSet)]
    [Parameter(ParameterSetName = EnvironmentSet)]
    [ValidateNotNullOrEmpty]
    [PSDefaultValue(Help = "A group's own project; for a user " + ProjectIdVariable + ", or with -Simulator the simulator's project; otherwise none")]
    public string ProjectId { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = GroupSet)]
    [ValidateNotNullOrEmpty]
    public string GroupId { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = UserSet)]
    [Parameter(Mandatory = true, ParameterSetName = GroupSet)]
    [AccessKeyTransformation]
    public SecureString AccessKey { get; set; } = null!;

    /// <summary>User name userid/{id} or projectid/{p}/groupid/{g}; password the access key.</summary>
    [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
    [Credential]
    public PSCredential Credential { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = SimulatorSet, ValueFromPipeline = true)]
    public OneNetSimulator Simulator { get; set; } = null!;

    /// <summary>With -Simulator: connect as the simulator's user (default) or as its project group.</summary>
    [Parameter(ParameterSetName = SimulatorSet)]
    [PSDefaultValue(Value = ScopeKind.User)]
    public ScopeKind Scope { get; set; } = ScopeKind.User;

    [Parameter]
    [ValidateNotNullOrEmpty]
    [PSDefaultValue(Help = "With -Simulator, the simulator's host; otherwise " + ServerVariable + ", or " + ConnectionOptions.DefaultServer + " when that is not set")]
    public string Server { get; set; } = ConnectionOptions.DefaultServer;

    [Parameter]
    [ValidateRange(1, 65535)]
    [PSDefaultValue(Help = "With -Simulator, the simulator's port; otherwise " + PortVariable + ", or 25002 when that is not set")]
    public int Port { get; set; } = ConnectionOptions.DefaultPort;

    /// <summary>The base address of the HTTP application API.</summary>
    [Parameter]
    [ValidateNotNull]
    [PSDefaultValue(Help = "With -Simulator, the simulator's API; otherwise " + ApiEndpointVariable + ", or https://openapi.heclouds.com when that is not set")]
    public Uri ApiEndpoint { get; set; } = OneNetHttpOptions.DefaultEndpoint;

    [Parameter]
    [ValidatePattern("^[A-Za-z0-9_-]{1,64}$")]
    [PSDefaultValue(Help = "A new random 32-hex id per session")]
    public string ClientId { get; set; } = ConnectionOptions.NewClientId();

    /// <summary>TLS, checked against the system's trust store and the host name.</summary>
    [Parameter]
    public SwitchParameter UseTls { get; set; }

    /// <summary>Roots the server's chain must end in (a PEM/DER file or certificates); implies -UseTls.</summary>
    [Parameter]
    [CertificateTransformation]
    [ValidateNotNullOrEmpty]
    public X509Certificate2[]? CertificateAuthority { get; set; }

    /// <summary>Accept any server certificate for any host name; implies -UseTls.</summary>
    [Parameter]
    public SwitchParameter SkipCertificateCheck { get; set; }

    [Parameter]
    [ValidateRange(5, 3600)]
    [PSDefaultValue(Value = 60)]
    public int KeepAliveSec { get; set; } = 60;

    [Parameter]
    [PSDefaultValue(Value = TokenMethod.Sha256)]
    public TokenMethod Method { get; set; } = TokenMethod.Sha256;

    /// <summary>Validity of the token signed for each connect.</summary>
    [Parameter]
    [PSDefaultValue(Help = "12 hours")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(12);

    [Parameter]
    [ValidateRange(1, 300)]
    [PSDefaultValue(Value = 10)]
    public int ConnectTimeoutSec { get; set; } = 10;

    /// <summary>A lost link closes the session instead of reconnecting.</summary>
    [Parameter]
    public SwitchParameter NoReconnect { get; set; }

    protected override void ProcessRecord()
    {
        if (TokenLifetime < TimeSpan.FromSeconds(10))
        {
            ThrowTerminatingError(Errors.InvalidParameter("OneNetInvalidTokenLifetime", "-TokenLifetime must be at least 10 seconds.", TokenLifetime));
        }
        var (scope, key) = ResolveIdentity();
        var authorities = ResolveCertificateAuthorities();
        var useTls = UseTls || SkipCertificateCheck || authorities is not null;
        if (useTls && SkipCertificateCheck)
        {
            WriteWarning("-SkipCertificateCheck: the server's certificate is not checked, so anyone on the network path can pose as the server and read the session's token. Trust a private certificate authority with -CertificateAuthority instead.");
        }
        var options = new ConnectionOptions
        {
            Scope = scope,
            AccessKey = key,
            Server = ResolveServer(),
            Port = ResolvePort(),
            ClientId = ClientId,
            UseTls = useTls,
            CertificateAuthorities = authorities,
            SkipCertificateCheck = SkipCertificateCheck,
            KeepAlive = TimeSpan.FromSeconds(KeepAliveSec),
            Method = Method,
            TokenLifetime = TokenLifetime,
            ConnectTimeout = TimeSpan.FromSeconds(ConnectTimeoutSec),
            AutoReconnect = !NoReconnect,
            // A simulator's clock can be moved ahead; tokens must be signed by the same clock that checks them.
            Clock = ParameterSetName == SimulatorSet ? Simulator.Server.Clock : TimeProvider.System,
        };
        var api = OpenApiChannel(scope, key, authorities, options.Clock);
        WriteVerbose($"Connecting to {options.Endpoint}{(useTls ? " over TLS" : "")} as {scope.Username} (client id {options.ClientId}, {Method} token valid {TokenLifetime}); HTTP API at {api.Endpoint}{(api.ProjectId is null ? " without a project" : $" in project {api.ProjectId}")}.");
        OneNetConnection connection;
        try
        {
            connection = Await(OneNetConnection.ConnectAsync(options, StopToken));
        }
        catch (Exception ex)
        {
            Await(api.DisposeAsync().AsTask());
            key.Dispose();
            if (ex is OneNetConnectException failed)
            {
                ThrowTerminatingError(Errors.ConnectFailed(failed, options));
            }
            throw;
        }
        var session = new OneNetSession(State.NextSessionId(), connection, api, key);
        State.Add(session);
        WriteVerbose($"Connected: session {session.Id} is now the current session.");
        WriteObject(session);
    }

    /// <summary>The session's HTTP channel; a terminating error for an unusable endpoint or a project the identity cannot act in.</summary>
    private OneNetApiChannel OpenApiChannel(OneNetScope scope, Core.Security.AccessKey key, System.Security.Cryptography.X509Certificates.X509Certificate2Collection? authorities, TimeProvider clock)
    {
        var endpoint = ResolveApiEndpoint();
        var options = new OneNetHttpOptions
        {
            Scope = scope,
            AccessKey = key,
            Endpoint = endpoint,
            Method = Method,
            TokenLifetime = TokenLifetime,
            CertificateAuthorities = authorities,
            SkipCertificateCheck = SkipCertificateCheck,
            Clock = clock,
        };
        try
        {
            return new OneNetApiChannel(options, ResolveProjectId(scope), PowerShellValues.Unwrap);
        }
        catch (ArgumentException ex) when (ex.ParamName == "projectId")
        {
            key.Dispose();
            ThrowTerminatingError(Errors.InvalidParameter("OneNetConflictingProjectId", ex.Message.Split(" (Parameter")[0], ProjectId));
        }
        catch (ArgumentException ex)
        {
            key.Dispose();
            ThrowTerminatingError(Errors.InvalidParameter("OneNetInvalidApiEndpoint", ex.Message.Split(" (Parameter")[0], endpoint));
        }
        throw new InvalidOperationException("unreachable");
    }

    private Uri ResolveApiEndpoint()
    {
        if (MyInvocation.BoundParameters.ContainsKey(nameof(ApiEndpoint)))
        {
            return ApiEndpoint;
        }
        if (ParameterSetName == SimulatorSet)
        {
            return new Uri(Simulator.ApiEndpoint);
        }
        if (Environment.GetEnvironmentVariable(ApiEndpointVariable) is not { Length: > 0 } text)
        {
            return ApiEndpoint;
        }
        if (!Uri.TryCreate(text, UriKind.Absolute, out var fromEnvironment))
        {
            ThrowTerminatingError(Errors.InvalidParameter("OneNetInvalidApiEndpoint", $"{ApiEndpointVariable} is '{text}', not an absolute http or https address.", text));
        }
        return fromEnvironment!;
    }

    /// <summary>-ProjectId; else the simulator's project, or for a user ONENET_PROJECT_ID; a group acts in its own project.</summary>
    private string? ResolveProjectId(OneNetScope scope) =>
        MyInvocation.BoundParameters.ContainsKey(nameof(ProjectId)) ? ProjectId
        : scope.Kind == ScopeKind.Group ? null
        : ParameterSetName == SimulatorSet ? Simulator.ProjectId
        : Environment.GetEnvironmentVariable(ProjectIdVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
        : null;

    /// <summary>-CertificateAuthority, else ONENET_CA_FILE when TLS is asked for; null for the system's trust store.</summary>
    private X509Certificate2Collection? ResolveCertificateAuthorities()
    {
        if (SkipCertificateCheck && CertificateAuthority is not null)
        {
            ThrowTerminatingError(Errors.InvalidParameter("OneNetConflictingTlsOptions",
                "-SkipCertificateCheck turns off the checks that -CertificateAuthority sets up: give one of them.", CertificateAuthority));
        }
        if (CertificateAuthority is not null)
        {
            return [.. CertificateAuthority];
        }
        if (!UseTls || SkipCertificateCheck || ParameterSetName == SimulatorSet
            || Environment.GetEnvironmentVariable(CertificateAuthorityVariable) is not { Length: > 0 } path)
        {
            return null;
        }
        try
        {
            return CertificateFiles.Load(path);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            ThrowTerminatingError(new ErrorRecord(new ArgumentException($"{CertificateAuthorityVariable}: {Sentences.End(ex.Message)}", ex),
                "OneNetInvalidCertificateAuthority", ErrorCategory.InvalidArgument, path));
            return null;
        }
    }

    private string ResolveServer() =>
        MyInvocation.BoundParameters.ContainsKey(nameof(Server)) ? Server
        : ParameterSetName == SimulatorSet ? Simulator.Host
        : Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
        : Server;

    private int ResolvePort()
    {
        if (MyInvocation.BoundParameters.ContainsKey(nameof(Port)))
        {
            return Port;
        }
        if (ParameterSetName == SimulatorSet)
        {
            return Simulator.Port;
        }
        if (Environment.GetEnvironmentVariable(PortVariable) is not { Length: > 0 } text)
        {
            return Port;
        }
        if (!int.TryParse(text, out var port) || port is < 1 or > 65535)
        {
            ThrowTerminatingError(Errors.InvalidParameter("OneNetInvalidPort", $"{PortVariable} is '{text}', not a port number (1-65535).", text));
        }
        return port;
    }

    /// <summary>Identity from ONENET_* variables, so that scheduled scripts hold no ids or keys.</summary>
    private (OneNetScope Scope, Core.Security.AccessKey Key) IdentityFromEnvironment()
    {
        var userId = Environment.GetEnvironmentVariable(UserIdVariable);
        var projectId = Environment.GetEnvironmentVariable(ProjectIdVariable);
        var groupId = Environment.GetEnvironmentVariable(GroupIdVariable);
        var key = Environment.GetEnvironmentVariable(AccessKeyVariable);
        OneNetScope? scope = !string.IsNullOrEmpty(userId) ? OneNetScope.ForUser(userId)
            : !string.IsNullOrEmpty(projectId) && !string.IsNullOrEmpty(groupId) ? OneNetScope.ForGroup(projectId, groupId)
            : null;
        var missing = MissingEnvironmentVariable(scope is not null, userId, projectId, groupId, key);
        if (missing is not null)
        {
            ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(missing), "OneNetNoCredential", ErrorCategory.InvalidArgument, null));
        }
        return (scope!, Core.Security.AccessKey.FromBase64(key!));
    }

    /// <summary>Names what is missing when the ONENET_* variables say only half of who to connect as; null when nothing is.</summary>
    private static string? MissingEnvironmentVariable(bool hasScope, string? userId, string? projectId, string? groupId, string? key)
    {
        var hasKey = !string.IsNullOrEmpty(key);
        if (hasScope && hasKey)
        {
            return null;
        }
        if (hasScope)
        {
            var who = !string.IsNullOrEmpty(userId) ? UserIdVariable : $"{ProjectIdVariable} and {GroupIdVariable}";
            return $"{who} {(who == UserIdVariable ? "is" : "are")} set but {AccessKeyVariable} is not: set it to the access key (or pass -AccessKey).";
        }
        if (!string.IsNullOrEmpty(projectId) && string.IsNullOrEmpty(groupId))
        {
            return $"{ProjectIdVariable} is set but {GroupIdVariable} is not: a project-group session needs both (or set {UserIdVariable} to connect as a user).";
        }
        if (!string.IsNullOrEmpty(groupId))
        {
            return $"{GroupIdVariable} is set but {ProjectIdVariable} is not: a project-group session needs both.";
        }
        return hasKey
            ? $"{AccessKeyVariable} is set but says nothing of whom it belongs to: set {UserIdVariable}, or {ProjectIdVariable} and {GroupIdVariable}."
            : $"Say who to connect as: -UserId and -AccessKey, -ProjectId, -GroupId and -AccessKey, -Credential, or -Simulator; or set {UserIdVariable} (or {ProjectIdVariable} and {GroupIdVariable}) and {AccessKeyVariable}.";
    }

    private (OneNetScope Scope, Core.Security.AccessKey Key) ResolveIdentity()
    {
        try
        {
            switch (ParameterSetName)
            {
                case UserSet:
                    return (OneNetScope.ForUser(UserId), Core.Security.AccessKey.FromSecureString(AccessKey));
                case GroupSet:
                    return (OneNetScope.ForGroup(ProjectId, GroupId), Core.Security.AccessKey.FromSecureString(AccessKey));
                case EnvironmentSet:
                    return IdentityFromEnvironment();
                case SimulatorSet:
                    return Scope == ScopeKind.User
                        ? (OneNetScope.ForUser(Simulator.UserId), Core.Security.AccessKey.FromSecureString(Simulator.AccessKey))
                        : (OneNetScope.ForGroup(Simulator.ProjectId, Simulator.GroupId), Core.Security.AccessKey.FromSecureString(Simulator.GroupKey));
                default:
                    if (!OneNetScope.TryParse(Credential.UserName, out var scope))
                    {
                        ThrowTerminatingError(Errors.InvalidParameter("OneNetInvalidCredential",
                            $"The credential's user name '{Credential.UserName}' must be 'userid/<userId>' or 'projectid/<projectId>/groupid/<groupId>'.", Credential.UserName));
                    }
                    return (scope!, Core.Security.AccessKey.FromSecureString(Credential.Password));
            }
        }
        catch (FormatException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "OneNetInvalidAccessKey", ErrorCategory.InvalidArgument,
                ParameterSetName == CredentialSet ? Credential.UserName : ParameterSetName == EnvironmentSet ? AccessKeyVariable : null));
        }
        catch (ArgumentException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "OneNetInvalidScope", ErrorCategory.InvalidArgument, ex.ParamName));
        }
        throw new InvalidOperationException("unreachable");
    }
}
