using MQTTnet.Adapter;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Implementations;

namespace OneNetStudio.Core.Connection;

/// <summary>MQTTnet's own adapters, each link's reads behind the connection's <see cref="ReadAheadGate"/>.</summary>
internal sealed class GatedAdapterFactory(ReadAheadGate gate) : IMqttClientAdapterFactory
{
    private readonly MqttClientAdapterFactory _inner = new();

    public IMqttChannelAdapter CreateClientAdapter(MQTTnet.MqttClientOptions options, MqttPacketInspector packetInspector, IMqttNetLogger logger)
    {
        gate.Reset();
        return new GatedChannelAdapter(_inner.CreateClientAdapter(options, packetInspector, logger), gate);
    }
}
