using System.Net;
using System.Security.Cryptography.X509Certificates;
using MQTTnet.Adapter;
using MQTTnet.Formatter;
using MQTTnet.Packets;

namespace OneNetStudio.Core.Connection;

/// <summary>MQTTnet's channel adapter, with every read waiting for the <see cref="ReadAheadGate"/> first.</summary>
internal sealed class GatedChannelAdapter(IMqttChannelAdapter inner, ReadAheadGate gate) : IMqttChannelAdapter
{
    public long BytesReceived => inner.BytesReceived;
    public long BytesSent => inner.BytesSent;
    public X509Certificate2 ClientCertificate => inner.ClientCertificate;
    public EndPoint RemoteEndPoint => inner.RemoteEndPoint;
    public EndPoint LocalEndPoint => inner.LocalEndPoint;
    public bool IsSecureConnection => inner.IsSecureConnection;
    public MqttPacketFormatterAdapter PacketFormatterAdapter => inner.PacketFormatterAdapter;

    public Task ConnectAsync(CancellationToken cancellationToken) => inner.ConnectAsync(cancellationToken);

    public Task DisconnectAsync(CancellationToken cancellationToken) => inner.DisconnectAsync(cancellationToken);

    public Task SendPacketAsync(MqttPacket packet, CancellationToken cancellationToken)
    {
        if (packet is MqttPingReqPacket)
        {
            gate.PingSent();
        }
        return inner.SendPacketAsync(packet, cancellationToken);
    }

    public Task<MqttPacket> ReceivePacketAsync(CancellationToken cancellationToken)
    {
        var room = gate.WaitForRoomAsync(cancellationToken);
        return room.IsCompletedSuccessfully ? Counted(inner.ReceivePacketAsync(cancellationToken)) : ReceiveLaterAsync(room, cancellationToken);
    }

    public void ResetStatistics() => inner.ResetStatistics();

    public void Dispose() => inner.Dispose();

    private async Task<MqttPacket> ReceiveLaterAsync(ValueTask room, CancellationToken cancellationToken)
    {
        await room.ConfigureAwait(false);
        return await Counted(inner.ReceivePacketAsync(cancellationToken)).ConfigureAwait(false);
    }

    private Task<MqttPacket> Counted(Task<MqttPacket> receive)
    {
        if (receive.IsCompletedSuccessfully)
        {
            CountIfPublish(receive.Result);
            return receive;
        }
        return CountedAsync(receive);
    }

    private async Task<MqttPacket> CountedAsync(Task<MqttPacket> receive)
    {
        var packet = await receive.ConfigureAwait(false);
        CountIfPublish(packet);
        return packet;
    }

    private void CountIfPublish(MqttPacket? packet)
    {
        if (packet is MqttPublishPacket)
        {
            gate.Read();
        }
        else if (packet is MqttPingRespPacket)
        {
            gate.PingAnswered();
        }
    }
}
