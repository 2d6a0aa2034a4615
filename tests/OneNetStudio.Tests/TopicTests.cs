using OneNetStudio.Core.Topics;

namespace OneNetStudio.Tests;

public class TopicTests
{
    [Theory]
    [InlineData(TopicKind.Lifecycle, "$sys/p1/dev-1/thing/lifecycle")]
    [InlineData(TopicKind.Property, "$sys/p1/dev-1/thing/property")]
    [InlineData(TopicKind.Event, "$sys/p1/dev-1/thing/event")]
    [InlineData(TopicKind.PropertySet, "$sys/p1/dev-1/thing/property/set")]
    [InlineData(TopicKind.DesiredSet, "$sys/p1/dev-1/thing/property/desired/set")]
    [InlineData(TopicKind.SetReply, "$sys/p1/dev-1/thing/property/set/reply")]
    public void BuildAndParse_RoundTrip(TopicKind kind, string topic)
    {
        Assert.Equal(topic, OneNetTopics.Build("p1", "dev-1", kind));
        Assert.True(OneNetTopics.TryParse(topic, out var parsed));
        Assert.Equal(new DeviceTopic("p1", "dev-1", kind), parsed);
    }

    [Theory]
    [InlineData("$sys/p1/+/thing/property")]
    [InlineData("$sys/p1/#")]
    [InlineData("$sys/p1/dev/thing/unknown")]
    [InlineData("$sys//dev/thing/property")]
    [InlineData("sys/p1/dev/thing/property")]
    [InlineData("$sys/p1/dev/thing/property/set_reply")]
    public void Parse_RejectsOtherTopics(string topic) => Assert.False(OneNetTopics.TryParse(topic, out _));

    [Theory]
    [InlineData("", "empty")]
    [InlineData("a/b", "'/'")]
    [InlineData("a+", "'+'")]
    [InlineData("#", "'#'")]
    [InlineData("a b", "white space")]
    public void ValidateSegment_ExplainsWhatIsWrong(string value, string expected) =>
        Assert.Contains(expected, OneNetTopics.ValidateSegment(value));

    [Fact]
    public void ValidateSegment_AcceptsPlatformNames() => Assert.Null(OneNetTopics.ValidateSegment("Bc4Oe6mNAg_dev-01.x"));
}
