using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace OneNetStudio.Bench;

/// <summary>
/// MQTT 3.1.1 on a raw socket, just enough for the flood: CONNECT, one QoS 0 SUBSCRIBE, and a read loop that counts
/// PUBACKs and notices the first PUBLISH (the start signal). No library between the bench and the wire.
/// </summary>
internal sealed class RawMqttLink(Socket socket)
{
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _acknowledged;
    private Task? _reader;

    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    /// <summary>Completes when a message arrives on the subscribed topic.</summary>
    public Task Started => _started.Task;

    public async Task ConnectAsync(string clientId)
    {
        _reader = Task.Run(ReadLoopAsync);
        var id = Encoding.UTF8.GetBytes(clientId);
        // "MQTT", level 4, clean session, keepalive 300 s (the flood may wait a while for its start signal)
        byte[] variable = [0, 4, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 4, 0x02, 0x01, 0x2C];
        await SendAsync(0x10, [.. variable, .. LengthPrefixed(id)]);
        await _connected.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async Task SubscribeAsync(string topic)
    {
        await SendAsync(0x82, [0, 1, .. LengthPrefixed(Encoding.UTF8.GetBytes(topic)), 0]);
        await _subscribed.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async Task DisconnectAsync()
    {
        await SendAsync(0xE0, []);
        socket.Shutdown(SocketShutdown.Send);
        if (_reader is not null) await Task.WhenAny(_reader, Task.Delay(5000));
    }

    private static byte[] LengthPrefixed(byte[] bytes)
    {
        var result = new byte[2 + bytes.Length];
        BinaryPrimitives.WriteUInt16BigEndian(result, (ushort)bytes.Length);
        bytes.CopyTo(result, 2);
        return result;
    }

    private async Task SendAsync(byte type, byte[] body)
    {
        var header = new List<byte> { type };
        var r = body.Length;
        do
        {
            var digit = (byte)(r % 128);
            r /= 128;
            header.Add(r > 0 ? (byte)(digit | 0x80) : digit);
        } while (r > 0);
        await socket.SendAsync((byte[])[.. header, .. body]);
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[256 * 1024];
        int start = 0, end = 0;
        try
        {
            while (true)
            {
                if (start == end)
                {
                    start = end = 0;
                }
                else if (end == buffer.Length)
                {
                    Array.Copy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                }
                var read = await socket.ReceiveAsync(buffer.AsMemory(end));
                if (read == 0) return;
                end += read;
                while (TryTakePacket(buffer, ref start, end, out var type)) OnPacket(type);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // the link closed
        }
        finally
        {
            _connected.TrySetException(new IOException("the broker closed the link"));
            _subscribed.TrySetException(new IOException("the broker closed the link"));
            _started.TrySetException(new IOException("the broker closed the link"));
        }
    }

    private static bool TryTakePacket(byte[] buffer, ref int start, int end, out byte type)
    {
        type = 0;
        var at = start + 1;
        int length = 0, shift = 0;
        while (true)
        {
            if (at >= end) return false;
            var b = buffer[at++];
            length |= (b & 0x7F) << shift;
            shift += 7;
            if ((b & 0x80) == 0) break;
        }
        if (at + length > end) return false;
        type = (byte)(buffer[start] >> 4);
        start = at + length;
        return true;
    }

    private void OnPacket(byte type)
    {
        switch (type)
        {
            case 2: _connected.TrySetResult(); break;          // CONNACK
            case 4: Interlocked.Increment(ref _acknowledged); break; // PUBACK
            case 9: _subscribed.TrySetResult(); break;         // SUBACK
            case 3: _started.TrySetResult(); break;            // PUBLISH: the start signal
        }
    }
}
