using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using OneNetStudio.Core.Connection;
using OneNetStudio.Core.Http;
using OneNetStudio.Core.Security;
using Xunit;

namespace OneNetStudio.Tests;

/// <summary>An https API endpoint is checked like the TLS long connection, and a refused certificate is not retried.</summary>
public sealed class HttpsCertificateTests : IDisposable
{
    private readonly TestCertificateAuthority _authority = new();

    public void Dispose() => _authority.Dispose();

    [Fact]
    public async Task A_trusted_private_ca_gets_an_answer()
    {
        using var server = HttpsServer("127.0.0.1");
        await using var client = Client(server.Port, [_authority.Certificate]);
        var devices = await new OpenApiDialect(client, "proj").QueryDeviceListAsync().ToListAsync();
        Assert.Equal("d1", Assert.Single(devices).DeviceName);
    }

    [Fact]
    public async Task A_name_mismatch_is_CertificateInvalid_says_why_and_is_tried_once()
    {
        using var server = HttpsServer("wrong.example");
        await using var client = Client(server.Port, [_authority.Certificate]);
        var failure = await Assert.ThrowsAsync<OneNetApiException>(() => new OpenApiDialect(client, "proj").QueryDeviceListAsync().ToListAsync().AsTask());
        Assert.Equal(OneNetApiErrorKind.CertificateInvalid, failure.Kind);
        Assert.Contains("wrong.example", failure.Message);
        Assert.Equal(1, server.Handshakes);
    }

    [Fact]
    public async Task The_system_trust_store_refuses_a_private_root_and_skipping_accepts_it()
    {
        using var server = HttpsServer("127.0.0.1");
        await using (var strict = Client(server.Port, null))
        {
            var failure = await Assert.ThrowsAsync<OneNetApiException>(() => new OpenApiDialect(strict, "proj").QueryDeviceListAsync().ToListAsync().AsTask());
            Assert.Equal(OneNetApiErrorKind.CertificateInvalid, failure.Kind);
            Assert.Contains("system's trust store", failure.Message);
        }
        await using var lax = Client(server.Port, null, skip: true);
        Assert.Single(await new OpenApiDialect(lax, "proj").QueryDeviceListAsync().ToListAsync());
    }

    private static OneNetHttpClient Client(int port, X509Certificate2[]? authorities, bool skip = false) => new(new OneNetHttpOptions
    {
        Scope = OneNetScope.ForUser("12321"),
        AccessKey = AccessKey.FromBase64(HttpTestKit.Key),
        Endpoint = new Uri($"https://127.0.0.1:{port}"),
        CertificateAuthorities = authorities is null ? null : new X509Certificate2Collection(authorities),
        SkipCertificateCheck = skip,
        Timeout = TimeSpan.FromSeconds(5),
    });

    private TlsApiServer HttpsServer(string name)
    {
        var (certificatePath, keyPath) = _authority.IssueServer(name.Replace('.', '-'), [name]);
        return new TlsApiServer(X509Certificate2.CreateFromPemFile(certificatePath, keyPath));
    }

    /// <summary>A one-answer HTTPS server on loopback: every request gets a one-device list.</summary>
    private sealed class TlsApiServer : IDisposable
    {
        private const string Answer = """{"requestId":"r1","success":true,"data":{"list":[{"product_id":"p","device_name":"d1","status":2}],"meta":{"total":1,"offset":0,"limit":100}}}""";
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly X509Certificate2 _certificate;
        private readonly CancellationTokenSource _stop = new();
        private int _handshakes;

        public TlsApiServer(X509Certificate2 certificate)
        {
            // SslStream on Linux wants a certificate whose key it can export; a PEM-loaded one is ephemeral.
            _certificate = X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
            _listener.Start();
            _ = AcceptAsync();
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
        public int Handshakes => Volatile.Read(ref _handshakes);

        private async Task AcceptAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync(_stop.Token);
                }
                catch (Exception)
                {
                    return;
                }
                _ = ServeAsync(client);
            }
        }

        private async Task ServeAsync(TcpClient client)
        {
            using var _ = client;
            await using var tls = new SslStream(client.GetStream());
            Interlocked.Increment(ref _handshakes);
            try
            {
                await tls.AuthenticateAsServerAsync(_certificate);
                var buffer = new byte[8192];
                var request = new StringBuilder();
                while (!request.ToString().Contains("\r\n\r\n"))
                {
                    var read = await tls.ReadAsync(buffer);
                    if (read == 0)
                    {
                        return;
                    }
                    request.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }
                var body = Encoding.UTF8.GetBytes(Answer);
                await tls.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n"));
                await tls.WriteAsync(body);
            }
            catch (Exception)
            {
                // The client refused the certificate: the handshake ends here, as it should.
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
        }
    }
}
