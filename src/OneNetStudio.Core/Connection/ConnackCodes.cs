using MQTTnet;

namespace OneNetStudio.Core.Connection;

/// <summary>Maps MQTTnet's result codes to MQTT 3.1.1 CONNACK return codes and says what each means.</summary>
internal static class ConnackCodes
{
    public static int ToMqtt311(MqttClientConnectResultCode code) => code switch
    {
        MqttClientConnectResultCode.Success => 0,
        MqttClientConnectResultCode.UnsupportedProtocolVersion => 1,
        MqttClientConnectResultCode.ClientIdentifierNotValid => 2,
        MqttClientConnectResultCode.ServerUnavailable => 3,
        MqttClientConnectResultCode.BadUserNameOrPassword => 4,
        MqttClientConnectResultCode.NotAuthorized => 5,
        _ => 128 + (int)code,
    };

    public static string Describe(int connackCode, OneNetScope scope) => connackCode switch
    {
        1 => "CONNACK 1 (unacceptable protocol version): the server does not speak MQTT 3.1.1.",
        2 => "CONNACK 2 (identifier rejected): the platform does not accept this client id.",
        3 => "CONNACK 3 (server unavailable): the platform is not accepting connections right now; try again later.",
        4 or 5 => $"CONNACK {connackCode} ({(connackCode == 4 ? "bad user name or password" : "not authorised")}): the platform refused '{scope.Username}' and its token.",
        _ => $"CONNACK {connackCode}: the server refused the connection.",
    };
}
