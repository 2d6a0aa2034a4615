using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace OneNetStudio.Bench;

/// <summary>
/// The cheapest publisher there is, so that it never caps a receiver: one raw TCP connection, one MQTT 3.1.1 CONNECT,
/// then N property reports of about 300 bytes (product.md 2.4, data.id = sequence number) as pre-encoded QoS 1
/// PUBLISH packets, patched in place (packet id, sequence digits) and written in 64 KB batches, round robin over the
/// devices. PUBACKs are read by a second loop and never waited on per message; the writer only pauses if 30,000 are
/// outstanding, so a packet id is never reused while in flight. Waits for a message on bench/start first.
/// Prints the offered rate: N over the time from the start to the last PUBACK (the broker has taken them all; the
/// time to the last byte written only says how fast the kernel's socket buffer filled).
/// </summary>
internal static class Flood
{
    private const int SequenceDigits = 7;
    private const int MaxOutstanding = 30_000;
    private const int BatchBytes = 64 * 1024;

    public static async Task<int> RunAsync(BenchArgs args)
    {
        var host = args.Get("host", "127.0.0.1");
        var port = args.Int("port", 1883);
        var count = args.Int("count", 200_000);
        var devices = args.Int("devices", 10);
        var product = args.Get("product", "BenchProduct");

        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { SendBufferSize = 1024 * 1024, ReceiveBufferSize = 1024 * 1024 };
        await socket.ConnectAsync(host, port);
        var link = new RawMqttLink(socket);
        await link.ConnectAsync($"flood-{Guid.NewGuid():N}");
        await link.SubscribeAsync(Mqtt.StartTopic);
        Console.Error.WriteLine("flood: ready");
        await link.Started;

        var templates = Enumerable.Range(0, devices).Select(d => new PublishTemplate(Mqtt.PropertyTopic(product, d), Payload(product, d, Mqtt.Now()))).ToArray();
        var batch = new byte[BatchBytes];
        var clock = Stopwatch.StartNew();
        var seq = 0;
        while (seq < count)
        {
            var used = 0;
            while (seq < count && used + templates[seq % devices].Length <= batch.Length)
            {
                used += templates[seq % devices].WriteTo(batch.AsSpan(used), seq, PacketId(seq));
                seq++;
            }
            while (seq - link.Acknowledged > MaxOutstanding)
            {
                await Task.Delay(1);
            }
            await socket.SendAsync(batch.AsMemory(0, used));
        }
        var writtenMs = clock.Elapsed.TotalMilliseconds;
        var deadline = Stopwatch.StartNew();
        while (link.Acknowledged < count && deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(1);
        }
        var acknowledgedMs = clock.Elapsed.TotalMilliseconds;
        Console.WriteLine($$"""{"published":{{count}},"acknowledged":{{link.Acknowledged}},"writtenMs":{{writtenMs:F1}},"acknowledgedMs":{{acknowledgedMs:F1}},"offeredPerSec":{{link.Acknowledged / (acknowledgedMs / 1000):F0}}}""");
        await link.DisconnectAsync();
        return 0;
    }

    private static ushort PacketId(int seq) => (ushort)(seq % 65535 + 1);

    /// <summary>The report, its id the sequence number in fixed width (the template's digits are patched per message).</summary>
    public static byte[] Payload(string product, int device, long time, int seq = 0)
    {
        var t = time.ToString();
        var value = (string v) => "{\"value\":" + v + ",\"time\":" + t + "}";
        return Encoding.UTF8.GetBytes(string.Concat(
            "{\"productId\":\"", product, "\",\"deviceName\":\"dev", device.ToString("D2"),
            "\",\"messageType\":\"notify\",\"notifyType\":\"property\",\"data\":{\"id\":\"", seq.ToString(new string('0', SequenceDigits)),
            "\",\"params\":{\"temperature\":", value("23.6"), ",\"humidity\":", value("55"), ",\"Power\":", value("\"on\""),
            ",\"switch\":", value("true"), "}}}"));
    }

    /// <summary>One device's PUBLISH packet, encoded once; the packet id and the sequence digits are patched per copy.</summary>
    private sealed class PublishTemplate
    {
        private readonly byte[] _packet;
        private readonly int _packetIdAt;
        private readonly int _digitsAt;

        public PublishTemplate(string topic, byte[] payload)
        {
            var topicBytes = Encoding.UTF8.GetBytes(topic);
            var remaining = 2 + topicBytes.Length + 2 + payload.Length;
            var header = new List<byte> { 0x32 }; // PUBLISH, QoS 1
            for (var r = remaining; ; )
            {
                var digit = (byte)(r % 128);
                r /= 128;
                header.Add(r > 0 ? (byte)(digit | 0x80) : digit);
                if (r == 0) break;
            }
            _packet = new byte[header.Count + remaining];
            header.CopyTo(_packet);
            var at = header.Count;
            BinaryPrimitives.WriteUInt16BigEndian(_packet.AsSpan(at), (ushort)topicBytes.Length);
            topicBytes.CopyTo(_packet, at + 2);
            _packetIdAt = at + 2 + topicBytes.Length;
            payload.CopyTo(_packet, _packetIdAt + 2);
            _digitsAt = _packetIdAt + 2 + payload.AsSpan().IndexOf("\"id\":\""u8) + 6;
        }

        public int Length => _packet.Length;

        public int WriteTo(Span<byte> destination, int seq, ushort packetId)
        {
            _packet.CopyTo(destination);
            BinaryPrimitives.WriteUInt16BigEndian(destination[_packetIdAt..], packetId);
            for (int i = SequenceDigits - 1, s = seq; i >= 0; i--, s /= 10)
            {
                destination[_digitsAt + i] = (byte)('0' + s % 10);
            }
            return _packet.Length;
        }
    }
}
