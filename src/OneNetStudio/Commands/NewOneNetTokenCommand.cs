using System.Management.Automation;
using System.Security;
using OneNetStudio.Core.Security;
using OneNetStudio.Transforms;

namespace OneNetStudio.Commands;

[Cmdlet(VerbsCommon.New, "OneNetToken", DefaultParameterSetName = LifetimeSet)]
[OutputType(typeof(string))]
public sealed class NewOneNetTokenCommand : OneNetCmdlet
{
    private const string LifetimeSet = "Lifetime";
    private const string ExpiresAtSet = "ExpiresAt";

    /// <summary>The token's res: userid/{id}, projectid/{p}/groupid/{g}, products/{pid}, products/{pid}/devices/{name}.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ResourceCompleter))]
    public string Resource { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 1)]
    [AccessKeyTransformation]
    public SecureString AccessKey { get; set; } = null!;

    [Parameter]
    [PSDefaultValue(Value = TokenMethod.Sha256)]
    public TokenMethod Method { get; set; } = TokenMethod.Sha256;

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TokenVersionCompleter))]
    [PSDefaultValue(Value = TokenVersion.Application)]
    public string Version { get; set; } = TokenVersion.Application;

    /// <summary>When the token expires: a date, or Unix seconds.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ExpiresAtSet)]
    [UnixTimeTransformation]
    public DateTimeOffset ExpiresAt { get; set; }

    [Parameter(ParameterSetName = LifetimeSet)]
    [PSDefaultValue(Help = "1 hour")]
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(1);

    protected override void ProcessRecord()
    {
        if (ParameterSetName == LifetimeSet && Lifetime <= TimeSpan.Zero)
        {
            ThrowTerminatingError(Errors.InvalidParameter("OneNetInvalidLifetime", "-Lifetime must be positive.", Lifetime));
        }
        var expiresAt = ParameterSetName == ExpiresAtSet ? ExpiresAt : DateTimeOffset.UtcNow + Lifetime;
        if (expiresAt <= DateTimeOffset.UtcNow)
        {
            WriteWarning($"The token expired at {expiresAt:u}; the platform will refuse it.");
        }
        using var key = Core.Security.AccessKey.FromSecureString(AccessKey);
        WriteObject(OneNetToken.Create(Resource, key, expiresAt, Method, Version));
    }
}
