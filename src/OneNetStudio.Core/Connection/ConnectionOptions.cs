using OneNetStudio.Core.Security;

namespace OneNetStudio.Core.Connection;

/// <summary>Everything needed to open an application long connection.</summary>
public sealed class ConnectionOptions
{
    public const string DefaultServer = "183.230.102.116";
    public const int DefaultPort = 25002;

    public required OneNetScope Scope { get; init; }
    public required AccessKey AccessKey { get; init; }
    public string Server { get; init; } = DefaultServer;
    public int Port { get; init; } = DefaultPort;

    /// <summary>Unique on the platform; a random 32-hex id when not given.</summary>
    public string ClientId { get; init; } = NewClientId();
    public bool UseTls { get; init; }

    /// <summary>Accept any server certificate (private deployments with self-signed certificates).</summary>
    public bool SkipCertificateCheck { get; init; }
    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(60);
    public TokenMethod Method { get; init; } = TokenMethod.Sha256;

    /// <summary>How long each connect's token is valid; a fresh token is made for every connect.</summary>
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromHours(12);
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public string Endpoint => $"{Server}:{Port}";

    public static string NewClientId() => Guid.NewGuid().ToString("N");
}
