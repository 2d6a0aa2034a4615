using System.Security.Cryptography.X509Certificates;
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
    /// <summary>TLS, with the server's certificate checked against the system's trust store and the host name.</summary>
    public bool UseTls { get; init; }

    /// <summary>With TLS: the roots the server's chain must end in, instead of the system's trust store (the host name is still checked).</summary>
    public X509Certificate2Collection? CertificateAuthorities { get; init; }

    /// <summary>With TLS: accept any server certificate, for any host name (an explicit opt-out of every check).</summary>
    public bool SkipCertificateCheck { get; init; }
    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(60);
    public TokenMethod Method { get; init; } = TokenMethod.Sha256;

    /// <summary>How long each connect's token is valid; a fresh token is made for every connect.</summary>
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromHours(12);
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Reconnect after a lost link (off: a lost link closes the connection).</summary>
    public bool AutoReconnect { get; init; } = true;

    /// <summary>The first wait before a reconnect attempt; it doubles per failed attempt up to <see cref="ReconnectFastCeiling"/>.</summary>
    public TimeSpan ReconnectInitialDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest wait while the outage is younger than <see cref="ReconnectFastPhase"/>: the server is retried at least this often.</summary>
    public TimeSpan ReconnectFastCeiling { get; init; } = TimeSpan.FromSeconds(1.5);

    /// <summary>How long an outage is retried fast; after that the waits double up to <see cref="ReconnectMaxDelay"/>.</summary>
    public TimeSpan ReconnectFastPhase { get; init; } = TimeSpan.FromSeconds(60);
    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// A link that stayed up this long counts as restored, so the next outage starts its backoff from the beginning;
    /// one that dies sooner is flapping, and its outage goes on counting.
    /// </summary>
    public TimeSpan StablePeriod { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the watchdog waits for the answer to its ping on a silent link.</summary>
    public TimeSpan PingTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The socket's send and receive buffers. MQTTnet's default (8 KB) pins the TCP window so small that a flood of
    /// reports stalls at a few hundred messages a second with megabytes queued at the broker (build.ps1 Bench shows it).
    /// </summary>
    public int SocketBufferSize { get; init; } = 1024 * 1024;

    /// <summary>
    /// How many received messages may wait for the listeners before the socket is no longer read, so that a listener
    /// holding the connection back holds back the broker (see <see cref="ReadAheadGate"/>).
    /// </summary>
    public int ReadAheadLimit { get; init; } = 1000;

    /// <summary>The jitter's randomness (seeded in tests).</summary>
    public Random? Random { get; init; }

    public string Endpoint => $"{Server}:{Port}";

    public static string NewClientId() => Guid.NewGuid().ToString("N");
}
