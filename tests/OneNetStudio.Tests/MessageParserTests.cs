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
    public void SetReplies_AreParsedAlike_WithoutKeepingTheirTopics()
    {
        // One set per device: a fleet of replies must not leave a parsed topic behind for every device.
        var device = $"d{Guid.NewGuid():N}";
        var topic = $"$sys/p1/{device}/thing/property/set/reply";
        var bytes = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes("""{"requestId":"abc","code":"deviceNotFound","msg":"gone","success":false}"""));
        Assert.True(MessageParser.TryParseSetReply(topic, bytes, Now, out var reply));
        Assert.Equal(("p1", device, topic, "abc"), (reply.ProductId, reply.DeviceName, reply.Topic, reply.RequestId));
        Assert.Equal((SetStatus.Failed, "deviceNotFound", "gone"), (reply.Status, reply.Code, reply.Message));
        Assert.False(MessageParser.IsTopicKept(topic));

        Assert.False(MessageParser.TryParseSetReply($"$sys/p1/{device}/thing/property/set/reply/x", bytes, Now, out _)); // no device topic
        Assert.False(MessageParser.TryParseSetReply($"$sys/p1/{device}/thing/property", bytes, Now, out _)); // not a reply
        Assert.False(MessageParser.TryParseSetReply(topic, new ReadOnlySequence<byte>("""{"success":true}"""u8.ToArray()), Now, out _)); // no requestId

        Assert.True(MessageParser.TryParse(topic, bytes, Now, out _, out _));
        Assert.True(MessageParser.IsTopicKept(topic)); // a watch keeps the topics it hears again and again
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

    [Theory]
    [InlineData("{} x")]
    [InlineData("{\"data\":{\"params\":{}}} {}")]
    [InlineData("[1,2")]
    [InlineData("")]
    [InlineData("{\"data\":{\"params\":{\"a\":1}}")]
    public void TruncatedOrTrailingJson_IsNotJson(string json)
    {
        var malformed = Malformed("$sys/p/d/thing/property", Encoding.UTF8.GetBytes(json));
        Assert.Contains("not JSON", malformed.Problem);
        Assert.Equal(json, malformed.Text);
        Assert.Equal("$sys/p/d/thing/property", malformed.Topic);
        Assert.Equal(Now, malformed.ReceivedAt);
    }

    [Theory]
    [InlineData("\"text\"", "string")]
    [InlineData("42", "number")]
    [InlineData("true", "true")]
    [InlineData("null", "null")]
    public void ANonObjectRoot_IsNamed(string json, string kind)
    {
        Assert.Contains($"a JSON {kind}, not an object", Malformed("$sys/p/d/thing/property", Encoding.UTF8.GetBytes(json)).Problem);
    }

    [Fact]
    public void InvalidUtf8_KeepsTheTopicAndTheTextWithReplacementCharacters()
    {
        var malformed = Malformed("$sys/p/d/thing/event", [0x7B, 0x22, 0x61, 0xFF, 0x22, 0x3A, 0x31, 0x7D]);
        Assert.Equal("$sys/p/d/thing/event", malformed.Topic);
        Assert.Equal("{\"a\uFFFD\":1}", malformed.Text);
    }

    [Fact]
    public void ALoneSurrogateEscape_IsMalformed_NotAnException()
    {
        var malformed = Malformed("$sys/p/d/thing/property", Encoding.UTF8.GetBytes("""{"data":{"params":{"s":{"value":"\uD800","time":1}}}}"""));
        Assert.Contains("cannot be read", malformed.Problem);
    }

    [Fact]
    public void ANumberBeyondDouble_IsWhatAJsonDocumentMakesOfIt()
    {
        var m = (OneNetPropertyMessage)Parse("$sys/p/d/thing/property", """{"data":{"params":{"n":1e400,"m":-1e400}}}""");
        Assert.Equal(System.Text.Json.JsonDocument.Parse("1e400").RootElement.GetDouble(), m.Values[0].Value);
        Assert.Equal(System.Text.Json.JsonDocument.Parse("-1e400").RootElement.GetDouble(), m.Values[1].Value);
    }

    [Fact]
    public void Numbers_WholeAsLong_OtherwiseDouble()
    {
        var m = (OneNetPropertyMessage)Parse("$sys/p/d/thing/property",
            """{"data":{"params":{"a":-5,"b":9223372036854775807,"c":99999999999999999999,"d":1.0,"e":1e2,"f":{"value":0,"time":1.5}}}}""");
        Assert.Equal(-5L, m.Values[0].Value);
        Assert.Equal(long.MaxValue, m.Values[1].Value);
        Assert.Equal(1e20, m.Values[2].Value);
        Assert.Equal(1.0, Assert.IsType<double>(m.Values[3].Value));
        Assert.Equal(100.0, Assert.IsType<double>(m.Values[4].Value));
        Assert.Equal(0L, m.Values[5].Value);
        Assert.Null(m.Values[5].Time); // a time that is not whole milliseconds is no time
    }

    [Fact]
    public void NestedObjectsAndArrays_BecomeDictionariesAndArrays()
    {
        var m = (OneNetPropertyMessage)Parse("$sys/p/d/thing/property",
            """{"data":{"params":{"geo":{"value":{"points":[{"x":1,"y":[2.5,null,"s"]},[]],"meta":{"Deep":{"deeper":true}}},"time":7},"noValueKey":{"time":7,"v":1},"list":[1,{"a":{}}]}}}""");
        var geo = Assert.IsType<OrderedDictionary>(m.Values[0].Value);
        var points = Assert.IsType<object?[]>(geo["points"]);
        var first = Assert.IsType<OrderedDictionary>(points[0]);
        Assert.Equal(1L, first["X"]);
        Assert.Equal(new object?[] { 2.5, null, "s" }, (object?[])first["y"]!);
        Assert.Empty(Assert.IsType<object?[]>(points[1]));
        Assert.Equal(true, ((OrderedDictionary)((OrderedDictionary)geo["meta"]!)["deep"]!)["DEEPER"]);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(7), m.Values[0].Time);
        // An object without "value" is the value itself, time and all, with no time of its own.
        var whole = Assert.IsType<OrderedDictionary>(m.Values[1].Value);
        Assert.Equal(7L, whole["time"]);
        Assert.Equal(1L, whole["v"]);
        Assert.Null(m.Values[1].Time);
        var list = Assert.IsType<object?[]>(m.Values[2].Value);
        Assert.Empty(Assert.IsType<OrderedDictionary>(((OrderedDictionary)list[1]!)["a"]));
    }

    [Fact]
    public void DuplicateKeys_TheLastWins_AsInAJsonDocument()
    {
        var m = (OneNetPropertyMessage)Parse("$sys/p/d/thing/property",
            """{"productId":"p0","productId":"p2","data":{"id":"old","params":{"x":1}},"data":{"id":"new","params":{"t":{"value":1,"value":2,"time":5,"time":6},"t":{"value":3}}}}""");
        Assert.Equal("p2", m.ProductId);
        Assert.Equal("new", m.Id);
        Assert.Equal(2, m.Values.Count); // every reported value, in order ...
        Assert.Equal(2L, m.Values[0].Value);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(6), m.Values[0].Time);
        Assert.Same(m.Values[1], m.Properties["t"]); // ... and by name the last
        Assert.Single(m.Properties);
    }

    [Fact]
    public void ALaterDataThatIsNotAnObject_ReplacesTheEarlierOne()
    {
        Assert.Contains("data.params", Malformed("$sys/p/d/thing/property", Encoding.UTF8.GetBytes("""{"data":{"params":{"x":1}},"data":7}""")).Problem);
    }

    [Fact]
    public void FieldsInAnyOrder_DeviceFieldsAfterData_StillNameEveryValue()
    {
        var m = (OneNetEventMessage)Parse("$sys/p/d/thing/event",
            """{"data":{"params":{"alarm":{"value":{"level":1}}},"id":77},"notifyType":"EVENT","deviceName":"d7","productId":"p7"}""");
        Assert.Equal(("p7", "d7"), (m.ProductId, m.DeviceName));
        Assert.Equal(("p7", "d7"), (m.Values[0].ProductId, m.Values[0].DeviceName));
        Assert.Equal("77", m.Id);
    }

    [Fact]
    public void AnIdThatIsNotAString_IsItsJsonText()
    {
        var m = (OneNetPropertyMessage)Parse("$sys/p/d/thing/property", """{"data":{"id":{"a": [1, 2]},"params":{}}}""");
        Assert.Equal("""{"a": [1, 2]}""", m.Id);
    }

    [Fact]
    public void EscapedNames_AreUnescaped()
    {
        var m = (OneNetPropertyMessage)Parse("$sys/p/d/thing/property", """{"d\u0061ta":{"params":{"tem\u0070":{"value":"\u00e9t\u00e9"}}}}""");
        Assert.Equal("temp", m.Values[0].Name);
        Assert.Equal("été", m.Values[0].Value);
    }

    [Fact]
    public void ReplyCodeAndMessage_LikeBefore()
    {
        var failed = Assert.IsType<OneNetSetReply>(Parse("$sys/p1/d1/thing/property/set/reply", """{"requestId":"r","success":false,"code":500,"msg":null,"data":{"x":1}}"""));
        Assert.Equal("500", failed.Code);
        Assert.Null(failed.Message);
    }

    [Fact]
    public void OneMessageAfterAnother_NeverSharesValues()
    {
        var first = (OneNetPropertyMessage)Parse("$sys/p/d1/thing/property", """{"data":{"params":{"a":1,"b":2,"c":3}}}""");
        Malformed("$sys/p/d1/thing/property", Encoding.UTF8.GetBytes("""{"data":{"params":{"a":1,"b":"""));
        var second = (OneNetPropertyMessage)Parse("$sys/p/d2/thing/property", """{"data":{"params":{"z":26}}}""");
        Assert.Equal(3, first.Values.Count);
        Assert.Equal("z", Assert.Single(second.Values).Name);
        Assert.Equal("d2", second.Values[0].DeviceName);
    }

    [Fact]
    public void Properties_BuiltOnce_ReadOnly()
    {
        var m = (OneNetPropertyMessage)Parse("$sys/p/d/thing/property", """{"data":{"params":{"a":1}}}""");
        Assert.Same(m.Properties, m.Properties);
        Assert.True(m.Properties.IsReadOnly);
        Assert.Equal("a=1", m.Summary);
    }

    [Fact]
    public void RepeatedNamesAndTopics_AreNotAllocatedAgain()
    {
        const string json = """{"productId":"p","deviceName":"d","data":{"params":{"temperature":{"value":"on","time":1}}}}""";
        var a = (OneNetPropertyMessage)Parse("$sys/p/d/thing/property", json);
        var b = (OneNetPropertyMessage)Parse(new string("$sys/p/d/thing/property".AsSpan()), json);
        Assert.Same(a.Values[0].Name, b.Values[0].Name);
        Assert.Same(a.Values[0].Value, b.Values[0].Value);
        Assert.Same(a.ProductId, b.ProductId);
        Assert.Same(a.DeviceName, b.DeviceName);
    }
}
