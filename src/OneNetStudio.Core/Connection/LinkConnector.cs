using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using OneNetStudio.Core.Security;

namespace OneNetStudio.Core.Connection;

/// <summary>
/// Brings one MQTT link up and down: a freshly signed token for every connect, MQTTnet's options (TLS with the server
/// certificate checked), and a failed connect told apart for the user (TCP, the TLS handshake, or the MQTT CONNECT).
/// Knows nothing of reconnects or state: that is <see cref="OneNetConnection"/>'s.
/// </summary>
internal sealed class LinkConnector
{
    private readonly IMqttClient _client;
    private readonly ConnectionOptions _options;
    private readonly ServerCertificateValidator? _certificates;

    public LinkConnector(IMqttClient client, ConnectionOptions options)
    {
        _client = client;
        _options = options;
        if (options.UseTls)
        {
            _certificates = new ServerCertificateValidator(options.Server, options.CertificateAuthorities, options.SkipCertificateCheck);
        }
    }

    /// <summary>Connects with a freshly signed token; returns when the token expires. Throws <see cref="OneNetConnectException"/>.</summary>
    public async Task<DateTimeOffset> ConnectAsync(CancellationToken cancellationToken)
    {
        var expiresAt = _options.Clock.GetUtcNow() + _options.TokenLifetime;
        var token = OneNetToken.Create(_options.Scope.Username, _options.AccessKey, expiresAt, _options.Method, TokenVersion.Application);
        var mqttOptions = BuildMqttOptions(token);
        _certificates?.Reset();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.ConnectTimeout);
        MqttClientConnectResult result;
        try
        {
            result = await _client.ConnectAsync(mqttOptions, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested)
        {
            // The caller gave up (Ctrl+C): whatever MQTTnet wrapped the cancellation in, report it as such.
            throw new OperationCanceledException("The connect was cancelled.", ex, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            throw TimedOut();
        }
        catch (MqttCommunicationTimedOutException ex)
        {
            throw TimedOut(ex);
        }
        catch (Exception ex) when (ex is MqttCommunicationException or MqttProtocolViolationException or SocketException or IOException or AuthenticationException)
        {
            if (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw TimedOut(ex);
            }
            throw ConnectFailed(ex);
        }
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw Refused(result.ResultCode);
        }
        return DateTimeOffset.FromUnixTimeSeconds(expiresAt.ToUnixTimeSeconds());
    }

    /// <summary>Makes sure the link is closed, politely when it still can be (MQTTnet refuses to connect twice).</summary>
    public async Task DropAsync(CancellationToken cancellationToken = default)
    {
        if (!_client.IsConnected)
        {
            return;
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // A dead link cannot be closed politely; MQTTnet has torn it down all the same.
        }
    }

    /// <summary>The innermost cause: the one that names what went wrong on the wire.</summary>
    public static Exception Innermost(Exception ex)
    {
        while (ex.InnerException is not null)
        {
            ex = ex.InnerException;
        }
        return ex;
    }

    private MqttClientOptions BuildMqttOptions(string token)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithTcpServer(_options.Server, _options.Port)
            .WithClientId(_options.ClientId)
            .WithCleanSession(true)
            .WithKeepAlivePeriod(_options.KeepAlive)
            .WithTimeout(_options.ConnectTimeout)
            .WithCredentials(_options.Scope.Username, token);
        if (_certificates is { } certificates)
        {
            builder.WithTlsOptions(tls => tls
                .UseTls()
                .WithTargetHost(_options.Server)
                .WithRevocationMode(X509RevocationMode.NoCheck)
                .WithCertificateValidationHandler(e => certificates.Validate(e.Certificate, e.Chain, e.SslPolicyErrors)));
        }
        var options = builder.Build();
        ((MqttClientTcpOptions)options.ChannelOptions).BufferSize = _options.SocketBufferSize;
        return options;
    }

    /// <summary>Tells apart, for the user, where a failed connect stopped: TCP, the TLS handshake, or the MQTT CONNECT.</summary>
    private OneNetConnectException ConnectFailed(Exception ex)
    {
        var cause = Innermost(ex).Message.TrimEnd('.');
        if (_certificates?.Failure is { } refusedBecause)
        {
            return new OneNetConnectException(ConnectFailure.CertificateInvalid, _options.Endpoint,
                $"The TLS certificate of {_options.Endpoint} was refused: {refusedBecause}.",
                innerException: ex);
        }
        if (FindSocketError(ex) is SocketError.ConnectionRefused or SocketError.HostUnreachable or SocketError.NetworkUnreachable
            or SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData or SocketError.TimedOut or SocketError.AddressNotAvailable)
        {
            return new OneNetConnectException(ConnectFailure.Unreachable, _options.Endpoint,
                $"Cannot reach the OneNET server at {_options.Endpoint}: {cause}.",
                innerException: ex);
        }
        if (_certificates is { CertificatePresented: false })
        {
            return new OneNetConnectException(ConnectFailure.TlsHandshakeFailed, _options.Endpoint,
                $"The server at {_options.Endpoint} did not complete a TLS handshake ({cause}): it may not be a TLS port.",
                innerException: ex);
        }
        return new OneNetConnectException(ConnectFailure.NotMqtt, _options.Endpoint,
            $"The server at {_options.Endpoint} did not answer as an MQTT broker ({cause}).",
            innerException: ex);
    }

    private static SocketError? FindSocketError(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is SocketException socket)
            {
                return socket.SocketErrorCode;
            }
        }
        return null;
    }

    private OneNetConnectException TimedOut(Exception? inner = null) =>
        new(ConnectFailure.TimedOut, _options.Endpoint,
            $"No answer from the OneNET server at {_options.Endpoint} within {_options.ConnectTimeout.TotalSeconds:0.#} s.",
            innerException: inner);

    private OneNetConnectException Refused(MqttClientConnectResultCode code)
    {
        var connack = ConnackCodes.ToMqtt311(code);
        return new OneNetConnectException(ConnectFailure.Refused, _options.Endpoint, ConnackCodes.Describe(connack, _options.Scope), connack);
    }
}
