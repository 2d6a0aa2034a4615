using System.Security.Cryptography;
using System.Text;
using OneNetStudio.Core.Connection;
using OneNetStudio.Core.Security;
using OneNetStudio.Simulator.Things;

namespace OneNetStudio.Simulator.Security;

/// <summary>
/// Checks a CONNECT's username and token, or an API call's <c>authorization</c> header, exactly as the platform does
/// (product.md 2.1, 2.2, 2.7): the same identities, keys and token rules on both channels.
/// </summary>
internal sealed class ConnectionAuthenticator(string userId, AccessKey userKey, string projectId, string groupId, AccessKey groupKey, DeviceFleet fleet, TimeProvider clock)
{
    /// <summary>An HTTP API call: the token alone says who calls (its <c>res</c>), so it is checked against itself.</summary>
    public AuthenticationResult AuthenticateToken(string? authorization)
    {
        if (!TokenParser.TryParse(authorization, out var token, out var error))
        {
            return AuthenticationResult.Refuse(string.IsNullOrEmpty(authorization) ? "no authorization header" : $"malformed token: {error}");
        }
        return Authenticate(token!.Resource, authorization);
    }

    public AuthenticationResult Authenticate(string? username, string? password)
    {
        if (!OneNetScope.TryParse(username, out var scope))
        {
            return AuthenticationResult.Refuse($"username '{username}' is neither userid/{{id}} nor projectid/{{p}}/groupid/{{g}}");
        }
        var key = scope!.Kind switch
        {
            ScopeKind.User when scope.UserId == userId => userKey,
            ScopeKind.Group when scope.ProjectId == projectId && scope.GroupId == groupId => groupKey,
            _ => null,
        };
        if (key is null)
        {
            return AuthenticationResult.Refuse($"no such {(scope.Kind == ScopeKind.User ? "user" : "project group")}: {scope.Username}");
        }
        if (!TokenParser.TryParse(password, out var token, out var error))
        {
            return AuthenticationResult.Refuse($"malformed token: {error}");
        }
        if (token!.Version != TokenVersion.Application)
        {
            return AuthenticationResult.Refuse($"token version {token.Version} is not {TokenVersion.Application}");
        }
        if (token.Resource != scope.Username)
        {
            return AuthenticationResult.Refuse($"token res '{token.Resource}' is not the username '{scope.Username}'");
        }
        if (token.ExpiresAtUnixSeconds <= clock.GetUtcNow().ToUnixTimeSeconds())
        {
            return AuthenticationResult.Refuse($"token expired at {token.ExpiresAt:u}");
        }
        var expected = OneNetToken.ComputeSignature(token.Resource, key, token.ExpiresAtUnixSeconds, token.Method, token.Version);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(token.Signature)))
        {
            return AuthenticationResult.Refuse("signature does not match the key");
        }
        return new AuthenticationResult(new SimulatorPrincipal(scope, fleet), null);
    }
}
