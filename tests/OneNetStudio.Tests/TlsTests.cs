using System.Collections;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using OneNetStudio.Core.Connection;
using OneNetStudio.Core.Requests;
using OneNetStudio.Core.Security;
using OneNetStudio.Core.Topics;
using OneNetStudio.Core.Watching;

namespace OneNetStudio.Tests;

/// <summary>TLS against Debian's mosquitto with a TLS listener whose certificates a CA made at test time issued.</summary>
public sealed class TlsTests : IDisposable
{
    private const string Product = "P1";
    private readonly TestCertificateAuthority _authority = new();

    public void Dispose() => _authority.Dispose();

    private X509Certificate2Collection TrustedAuthority => CertificateFiles.Load(_authority.CertificatePath);

    /// <summary>Any user of <paramref name="broker"/>, over TLS, checking the certificate against the system's trust store.</summary>
    private static TestConnection Tls(MosquittoBroker broker) => TestConnection.AnyUser(broker.Host, broker.Port) with
    {
        UseTls = true,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        ReconnectInitialDelay = TimeSpan.FromMilliseconds(200),
        ReconnectMaxDelay = TimeSpan.FromSeconds(1),
    };

    private Task<MosquittoBroker> StartTlsBrokerAsync(string[]? names = null, DateTimeOffset? notAfter = null) =>
        MosquittoBroker.StartOrSkipAsync(_authority.IssueServer("server", names ?? ["127.0.0.1", "localhost"],
            notBefore: notAfter?.AddDays(-30), notAfter: notAfter));

    [SkippableFact]
    public async Task UntrustedRoot_IsRefusedWithTheReason()
    {
        await using var broker = await StartTlsBrokerAsync();
        var error = await Assert.ThrowsAsync<OneNetConnectException>(() => Tls(broker).ConnectAsync());
        Assert.Equal(ConnectFailure.CertificateInvalid, error.Failure);
        Assert.Contains("does not chain to the system's trust store", error.Message);
        Assert.Contains(broker.Port.ToString(), error.Message);
    }

    [SkippableFact]
    public async Task PrivateAuthority_IsTrusted_AndWatchAndSetWork()
    {
        await using var broker = await StartTlsBrokerAsync();
        await using var devices = await DeviceResponder.StartAsync(broker.Host, broker.Port, tls: true);
        await using var connection = await (Tls(broker) with { CertificateAuthorities = TrustedAuthority }).ConnectAsync();
        using var queue = new WatchQueue(100);
        Assert.Single((await connection.SubscribeAsync(queue, [OneNetTopics.Build(Product, "dev1", TopicKind.Property)], CancellationToken.None)).Granted);
        await AssertReportAndSetAsync(devices, queue, connection, 7);
    }

    [SkippableFact]
    public async Task AnotherAuthority_IsNotEnough()
    {
        using var stranger = new TestCertificateAuthority("Some Other CA");
        await using var broker = await StartTlsBrokerAsync();
        var error = await Assert.ThrowsAsync<OneNetConnectException>(() =>
            (Tls(broker) with { CertificateAuthorities = CertificateFiles.Load(stranger.CertificatePath) }).ConnectAsync());
        Assert.Equal(ConnectFailure.CertificateInvalid, error.Failure);
        Assert.Contains("does not chain to the given certificate authority", error.Message);
    }

    [SkippableFact]
    public async Task WrongHostName_IsRefusedEvenWithTheRightAuthority()
    {
        await using var broker = await StartTlsBrokerAsync(names: ["broker.example"]);
        var error = await Assert.ThrowsAsync<OneNetConnectException>(() => (Tls(broker) with { CertificateAuthorities = TrustedAuthority }).ConnectAsync());
        Assert.Equal(ConnectFailure.CertificateInvalid, error.Failure);
        Assert.Contains("issued to 'broker.example', not to 127.0.0.1", error.Message);
    }

    [SkippableFact]
    public async Task ExpiredCertificate_IsRefusedEvenWithTheRightAuthority()
    {
        await using var broker = await StartTlsBrokerAsync(notAfter: DateTimeOffset.UtcNow.AddDays(-2));
        var error = await Assert.ThrowsAsync<OneNetConnectException>(() => (Tls(broker) with { CertificateAuthorities = TrustedAuthority }).ConnectAsync());
        Assert.Equal(ConnectFailure.CertificateInvalid, error.Failure);
        Assert.Contains("expired on", error.Message);
    }

    [SkippableFact]
    public async Task SkipCertificateCheck_AcceptsAnUntrustedWronglyNamedCertificate()
    {
        await using var broker = await StartTlsBrokerAsync(names: ["broker.example"]);
        await using var connection = await (Tls(broker) with { SkipCertificateCheck = true }).ConnectAsync();
        Assert.Equal(ConnectionState.Connected, connection.State);
    }

    [SkippableFact]
    public async Task TlsAgainstAPlainListener_SaysTheHandshakeFailed()
    {
        await using var broker = await MosquittoBroker.StartOrSkipAsync();
        var error = await Assert.ThrowsAsync<OneNetConnectException>(() => (Tls(broker) with { CertificateAuthorities = TrustedAuthority }).ConnectAsync());
        Assert.Equal(ConnectFailure.TlsHandshakeFailed, error.Failure);
        Assert.Contains("did not complete a TLS handshake", error.Message);
    }

    [SkippableFact]
    public async Task PlainAgainstATlsListener_SaysItIsNoMqttBroker_AndSuggestsTls()
    {
        await using var broker = await StartTlsBrokerAsync();
        var error = await Assert.ThrowsAsync<OneNetConnectException>(() => (Tls(broker) with { UseTls = false }).ConnectAsync());
        Assert.Equal(ConnectFailure.NotMqtt, error.Failure);
        Assert.Contains($"The server at 127.0.0.1:{broker.Port} did not answer as an MQTT broker", error.Message);
    }

    [SkippableFact]
    public async Task WatchSurvivesABrokerRestart_OverTls()
    {
        await using var broker = await StartTlsBrokerAsync();
        var devices = await DeviceResponder.StartAsync(broker.Host, broker.Port, tls: true);
        await using var connection = await (Tls(broker) with { CertificateAuthorities = TrustedAuthority }).ConnectAsync();
        using var queue = new WatchQueue(100);
        await connection.SubscribeAsync(queue, [OneNetTopics.Build(Product, "dev1", TopicKind.Property)], CancellationToken.None);

        await broker.KillAsync();
        await devices.DisposeAsync();
        await Wait.UntilAsync(() => connection.State == ConnectionState.Reconnecting);
        await broker.StartAsync();
        await Wait.UntilAsync(() => connection.State == ConnectionState.Connected, TimeSpan.FromSeconds(15));

        await using var restarted = await DeviceResponder.StartAsync(broker.Host, broker.Port, tls: true);
        await AssertReportAndSetAsync(restarted, queue, connection, 2);
    }

    [Fact]
    public async Task APortThatIsNoMqttBroker_IsNamedSo()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var talker = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            _ = await stream.ReadAsync(new byte[256]); // the CONNECT, whatever part of it came
            await stream.WriteAsync("HTTP/1.1 400 Bad Request\r\n\r\n"u8.ToArray());
            await Task.Delay(500);
        });
        var options = TestConnection.AnyUser("127.0.0.1", port) with { ConnectTimeout = TimeSpan.FromSeconds(5) };
        var error = await Assert.ThrowsAsync<OneNetConnectException>(() => options.ConnectAsync());
        Assert.Equal(ConnectFailure.NotMqtt, error.Failure);
        Assert.StartsWith($"The server at 127.0.0.1:{port} did not answer as an MQTT broker", error.Message);
        await talker;
    }

    [Fact]
    public void CertificateFiles_ReadPemBundlesAndDer_AndRefuseOtherText()
    {
        using var second = new TestCertificateAuthority("Second CA");
        var bundle = Path.Combine(_authority.Directory, "bundle.pem");
        File.WriteAllText(bundle, File.ReadAllText(_authority.CertificatePath) + "\n" + File.ReadAllText(second.CertificatePath));
        Assert.Equal(2, CertificateFiles.Load(bundle).Count);

        var der = Path.Combine(_authority.Directory, "ca.cer");
        File.WriteAllBytes(der, _authority.Certificate.RawData);
        Assert.Equal(_authority.Certificate.Thumbprint, Assert.Single(CertificateFiles.Load(der)).Thumbprint);

        var text = Path.Combine(_authority.Directory, "notes.txt");
        File.WriteAllText(text, "not a certificate");
        Assert.Contains("is not a certificate", Assert.Throws<InvalidDataException>(() => CertificateFiles.Load(text)).Message);
        Assert.Throws<FileNotFoundException>(() => CertificateFiles.Load(Path.Combine(_authority.Directory, "missing.pem")));
    }

    /// <summary>A report from the device reaches the watch over TLS, and a set gets its reply.</summary>
    private static async Task AssertReportAndSetAsync(DeviceResponder device, WatchQueue queue, OneNetConnection connection, int sequence)
    {
        await device.ReportAsync(Product, "dev1", sequence);
        Assert.True(queue.TryTake(out var message, TimeSpan.FromSeconds(5), CancellationToken.None), $"report {sequence} did not arrive over TLS");
        Assert.Equal((long)sequence, Assert.IsType<OneNetPropertyMessage>(message).Values.Single(v => v.Name == "seq").Value);
        Assert.Equal(SetStatus.Succeeded, (await SetAsync(connection)).Status);
    }

    private static async Task<OneNetSetReply> SetAsync(OneNetConnection connection)
    {
        var id = RequestIds.New();
        Assert.True(TestConnection.SetsOf(connection).TryStart(new SetCommand(SetKind.Property, Product, "dev1", id, SetPayload.Build(id, new Hashtable { ["switch"] = true })),
            TimeSpan.FromSeconds(10), default, out var reply));
        return await reply;
    }
}
