using System.Security.Cryptography.X509Certificates;
using OneNetStudio.Core.Connection;
using OneNetStudio.Core.Security;

namespace OneNetStudio.Core.Http;

/// <summary>Everything a session's HTTP channel needs (product.md 2.7). Validated by <see cref="OneNetHttpClient"/>.</summary>
public sealed class OneNetHttpOptions
{
    public static readonly Uri DefaultEndpoint = new("https://openapi.heclouds.com");

    /// <summary>The platform's documented limit: calls per second per IP.</summary>
    public const int PlatformCallsPerSecond = 100;

    /// <summary>A small margin below <see cref="PlatformCallsPerSecond"/>: arrival times at the server jitter against send times here.</summary>
    public const int DefaultCallsPerSecond = 95;

    /// <summary>The platform's largest page (<c>limit</c> 1–100).</summary>
    public const int MaxPageSize = 100;

    /// <summary>The identity: the token's <c>res</c> is its username, as on the long connection.</summary>
    public required OneNetScope Scope { get; init; }

    /// <summary>The key the token is signed with. Not owned: the session that made it disposes it.</summary>
    public required AccessKey AccessKey { get; init; }

    /// <summary>The API's base address; https, or http for the simulator on loopback. A path is kept (a proxy's prefix).</summary>
    public Uri Endpoint { get; init; } = DefaultEndpoint;

    public TokenMethod Method { get; init; } = TokenMethod.Sha256;

    /// <summary>Roots an https endpoint's chain must end in, instead of the system's trust store; the host name is still checked.</summary>
    public X509Certificate2Collection? CertificateAuthorities { get; init; }

    /// <summary>Accept any server certificate for any host name.</summary>
    public bool SkipCertificateCheck { get; init; }

    /// <summary>The token version; the open API takes the application tokens of 2.2.</summary>
    public string TokenVersion { get; init; } = Security.TokenVersion.Application;

    /// <summary>How long each token is valid; it is re-signed before it runs out.</summary>
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromHours(12);

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>
    /// How long one attempt may take, answer included. The platform's own timeout is 10 s and a synchronous service
    /// waits up to 5 s for its device, so this leaves room for the network.
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Retries after the first attempt, for transient faults only (connection failure, timeout, HTTP 429 and 5xx).</summary>
    public int RetryCount { get; init; } = 3;

    /// <summary>The wait before the first retry; it doubles per retry (with jitter) up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryInitialDelay { get; init; } = TimeSpan.FromMilliseconds(250);
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>At most this many calls (retries included) in any sliding <see cref="RateWindow"/>.</summary>
    public int RateLimit { get; init; } = DefaultCallsPerSecond;
    public TimeSpan RateWindow { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The page size for lists and histories.</summary>
    public int PageSize { get; init; } = MaxPageSize;

    /// <summary>The retry jitter's randomness (seeded in tests); <see cref="System.Random.Shared"/> when null.</summary>
    public Random? Random { get; init; }

    /// <summary>
    /// Replaces the default <see cref="SocketsHttpHandler"/> (tests put an in-process fake here). The client
    /// disposes it with itself.
    /// </summary>
    public HttpMessageHandler? Handler { get; init; }
}
