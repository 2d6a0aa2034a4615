using System.Buffers;
using System.Collections.Specialized;
using System.Text;
using OneNetStudio.Core.Messages;

namespace OneNetStudio.Tests;

public class MessageParserTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    private static OneNetMessage Parse(string topic, string json)
    {
        Assert.True(MessageParser.TryParse(topic, new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)), Now, out var message, out var malformed), malformed?.Problem);
        Assert.Equal(topic, message!.Topic);
        Assert.Equal(json, message.Json);
        Assert.Equal(Now, message.ReceivedAt);
        return message;
    }

    private static MalformedMessage Malformed(string topic, byte[] payload)
    {
        Assert.False(MessageParser.TryParse(topic, new ReadOnlySequence<byte>(payload), Now, out var message, out var malformed));
        Assert.Null(message);
        return malformed!;
    }

    [Theory]
    [InlineData("lifecycle")]
    [InlineData("lifeCycle")]
    public void Lifecycle_DocumentedShape(string messageType)
    {
        var m = Assert.IsType<OneNetLifecycleMessage>(Parse("$sys/p1/d1/thing/lifecycle",
            $$$"""{"productId":"p1","deviceName":"d1","messageType":"{{{messageType}}}","data":{"status":"offline","time":1700000000123}}"""));
        Assert.Equal(DeviceStatus.Offline, m.Status);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1700000000123), m.Time);
        Assert.Equal(("p1", "d1"), (m.ProductId, m.DeviceName));
    }

    [Fact]
    public void Property_DocumentedExample_KeepsJsonTypes()
    {
        var m = Assert.IsType<OneNetPropertyMessage>(Parse("$sys/p1/d1/thing/property",
            """{"productId":"p1","deviceName":"d1","messageType":"notify","notifyType":"property","data":{"id":"12345","params":{"Power":{"value":"on","time":1524448722000},"WF":{"value":23.6,"time":1524448722000},"n":{"value":7,"time":1},"ok":{"value":true,"time":1},"pos":{"value":{"lat":30.5,"tags":["a",2]},"time":1}}}}"""));
        Assert.Equal("12345", m.Id);
        Assert.Equal("on", m.Values[0].Value);
        Assert.Equal(23.6, m.Values[1].Value);
        Assert.Equal(7L, m.Values[2].Value);
        Assert.Equal(true, m.Values[3].Value);
        var pos = Assert.IsType<OrderedDictionary>(m.Values[4].Value);
        Assert.Equal(30.5, pos["LAT"]);
        Assert.Equal(new object?[] { "a", 2L }, (object?[])pos["tags"]!);
        Assert.Same(m.Values[1], m.Properties["wf"]);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1524448722000), m.Values[0].Time);
        Assert.Equal("p1", m.Values[0].ProductId);
    }

    [Fact]
    public void Event_DocumentedShape()
    {
        var m = Assert.IsType<OneNetEventMessage>(Parse("$sys/p1/d1/thing/event",
            """{"productId":"p1","deviceName":"d1","messageType":"notify","notifyType":"event","data":{"id":"9","version":"1.0","params":{"alarm":{"value":{"level":2,"reason":"overheat"},"time":1}}}}"""));
        var alarm = (OneNetEventValue)m.Events["alarm"]!;
        Assert.Equal(2L, ((OrderedDictionary)alarm.Value!)["level"]);
    }

    [Fact]
    public void SetReply_SuccessAndFailure()
    {
        var ok = Assert.IsType<OneNetSetReply>(Parse("$sys/p1/d1/thing/property/set/reply", """{"requestId":"abc","success":true}"""));
        Assert.Equal(SetStatus.Succeeded, ok.Status);
        Assert.True(ok.Success);
        Assert.Equal(("p1", "d1"), (ok.ProductId, ok.DeviceName));
        var failed = Assert.IsType<OneNetSetReply>(Parse("$sys/p1/d1/thing/property/set/reply",
            """{"requestId":"abc","code":"deviceNotFound","msg":"device does not exist","success":false}"""));
        Assert.Equal(SetStatus.Failed, failed.Status);
        Assert.Equal("deviceNotFound", failed.Code);
        Assert.Equal("device does not exist", failed.Message);
    }

    [Fact]
    public void MissingDeviceFields_FallBackToTheTopic()
    {
        var m = Parse("$sys/p9/d9/thing/lifecycle", """{"data":{"status":"online"}}""");
        Assert.Equal(("p9", "d9"), (m.ProductId, m.DeviceName));
    }

    [Theory]
    [InlineData("$sys/p/d/thing/property", "{not json", "not JSON")]
    [InlineData("$sys/p/d/thing/property", "[1,2]", "array")]
    [InlineData("$sys/p/d/thing/property", """{"notifyType":"property","data":{}}""", "data.params")]
    [InlineData("$sys/p/d/thing/property", """{"notifyType":"event","data":{"params":{}}}""", "notifyType")]
    [InlineData("$sys/p/d/thing/lifecycle", """{"data":{"status":"sleeping"}}""", "status")]
    [InlineData("$sys/p/d/thing/lifecycle", """{"messageType":"notify","data":{"status":"online"}}""", "messageType")]
    [InlineData("$sys/p/d/thing/property/set/reply", """{"success":true}""", "requestId")]
    [InlineData("$sys/p/d/thing/property/set/reply", """{"requestId":"x","success":"yes"}""", "success")]
    [InlineData("some/other/topic", "{}", "topic")]
    public void OddShapes_AreMalformedWithAReason(string topic, string json, string expected)
    {
        var malformed = Malformed(topic, Encoding.UTF8.GetBytes(json));
        Assert.Contains(expected, malformed.Problem);
        Assert.Equal(json, malformed.Text);
        Assert.Equal(topic, malformed.Topic);
    }

    [Fact]
    public void InvalidUtf8_IsMalformed()
    {
        var malformed = Malformed("$sys/p/d/thing/property", [0x7B, 0xFF, 0xFE, 0x7D]);
        Assert.Contains("UTF-8", malformed.Problem);
    }

    [Fact]
    public void UnknownPropertyShape_IsTakenAsTheValue()
    {
        var m = Assert.IsType<OneNetPropertyMessage>(Parse("$sys/p/d/thing/property", """{"data":{"params":{"raw":42}}}"""));
        Assert.Equal(42L, m.Values[0].Value);
        Assert.Null(m.Values[0].Time);
    }

    [Fact]
    public void InvalidUtf8InsideAString_IsMalformed_NotAnException()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes("""{"data":{"params":{"loc":{"value":"XX","time":1}}}}""");
        var at = Array.IndexOf(bytes, (byte)'X');
        bytes[at] = 0xC4; bytes[at + 1] = 0xFE; // GBK, not UTF-8
        Assert.False(MessageParser.TryParse("$sys/p/d/thing/property", new System.Buffers.ReadOnlySequence<byte>(bytes), DateTimeOffset.UtcNow, out _, out var malformed));
        Assert.Contains("UTF-8", malformed!.Problem);
    }
}
