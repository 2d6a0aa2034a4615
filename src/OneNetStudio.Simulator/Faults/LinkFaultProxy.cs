using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace OneNetStudio.Simulator.Faults;

/// <summary>
/// A loopback TCP proxy in front of an MQTT broker (the simulator or any other) that can break links the way networks
/// do: swallow ping responses, black-hole a link while its sockets stay open, or cut every link at once. It reads the
/// MQTT fixed header to forward whole packets, so it can drop single packet types.
/// </summary>
public sealed class LinkFaultProxy : IAsyncDisposable
{
    private const int PingResponse = 13;
    private readonly TcpListener _listener;
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly ConcurrentDictionary<int, (TcpClient Client, TcpClient Server)> _links = new();
    private readonly Task _acceptLoop;
    private int _nextLink;
    private long _swallowedPings;
    private volatile LinkFault _fault;

    private LinkFaultProxy(string targetHost, int targetPort)
    {
        _targetHost = targetHost;
        _targetPort = targetPort;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public static LinkFaultProxy Start(string targetHost, int targetPort) => new(targetHost, targetPort);

    public string Host => IPAddress.Loopback.ToString();
    public int Port { get; }
    public int LinkCount => _links.Count;
    public long SwallowedPings => Interlocked.Read(ref _swallowedPings);

    /// <summary>Applies at once to every link, open or future.</summary>
    public LinkFault Fault
    {
        get => _fault;
        set => _fault = value;
    }

    /// <summary>Resets every open link, as a crashed router would.</summary>
    public void CutAllLinks()
    {
        foreach (var id in _links.Keys)
        {
            if (_links.TryRemove(id, out var link))
            {
                Close(link);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _lifetime.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        CutAllLinks();
        try
        {
            await _acceptLoop.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Stopping.
        }
        _lifetime.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_lifetime.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_lifetime.Token).ConfigureAwait(false);
            }
            catch (Exception) when (_lifetime.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }
            _ = Task.Run(() => RunLinkAsync(client));
        }
    }

    private async Task RunLinkAsync(TcpClient client)
    {
        var server = new TcpClient();
        var id = Interlocked.Increment(ref _nextLink);
        _links[id] = (client, server);
        Task up, down;
        try
        {
            await server.ConnectAsync(_targetHost, _targetPort, _lifetime.Token).ConfigureAwait(false);
            client.NoDelay = true;
            server.NoDelay = true;
            up = PumpAsync(client.GetStream(), server.GetStream(), fromServer: false);
            down = PumpAsync(server.GetStream(), client.GetStream(), fromServer: true);
        }
        catch (Exception)
        {
            if (_links.TryRemove(id, out var failed))
            {
                Close(failed);
            }
            return;
        }
        await Task.WhenAny(up, down).ConfigureAwait(false);
        // A black hole swallows the close as well: the server may give up on the client, the client must not hear of it.
        while (_fault == LinkFault.Blackhole && !up.IsCompleted && !_lifetime.IsCancellationRequested)
        {
            await Task.WhenAny(up, Task.Delay(100)).ConfigureAwait(false);
        }
        if (_links.TryRemove(id, out var link))
        {
            Close(link);
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, bool fromServer)
    {
        var reader = new BufferedStream(from, 64 * 1024);
        var header = new byte[5];
        try
        {
            while (true)
            {
                if (await ReadByteAsync(reader).ConfigureAwait(false) is not { } first)
                {
                    return;
                }
                header[0] = first;
                var headerLength = 1;
                var remaining = 0;
                var multiplier = 1;
                byte digit;
                do
                {
                    digit = await ReadByteAsync(reader).ConfigureAwait(false) ?? throw new EndOfStreamException();
                    header[headerLength++] = digit;
                    remaining += (digit & 0x7F) * multiplier;
                    multiplier *= 128;
                }
                while ((digit & 0x80) != 0 && headerLength < header.Length);
                var body = new byte[remaining];
                await reader.ReadExactlyAsync(body, _lifetime.Token).ConfigureAwait(false);
                while (_fault == LinkFault.Stall)
                {
                    await Task.Delay(20, _lifetime.Token).ConfigureAwait(false);
                }
                var fault = _fault;
                if (fault == LinkFault.Blackhole)
                {
                    continue;
                }
                if (fromServer && fault == LinkFault.SwallowPingResponses && first >> 4 == PingResponse)
                {
                    Interlocked.Increment(ref _swallowedPings);
                    continue;
                }
                await to.WriteAsync(header.AsMemory(0, headerLength), _lifetime.Token).ConfigureAwait(false);
                await to.WriteAsync(body, _lifetime.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException or EndOfStreamException)
        {
            // One side went away; the link ends.
        }
    }

    private async Task<byte?> ReadByteAsync(Stream stream)
    {
        var one = new byte[1];
        var read = await stream.ReadAsync(one, _lifetime.Token).ConfigureAwait(false);
        return read == 0 ? null : one[0];
    }

    private static void Close((TcpClient Client, TcpClient Server) link)
    {
        foreach (var socket in new[] { link.Client, link.Server })
        {
            try
            {
                socket.Client.LingerState = new LingerOption(true, 0);
                socket.Dispose();
            }
            catch (Exception)
            {
                // Already closed.
            }
        }
    }
}
