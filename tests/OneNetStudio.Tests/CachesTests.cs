using System.Text;
using System.Text.Json;
using OneNetStudio.Core.Messages;
using OneNetStudio.Core.Topics;

namespace OneNetStudio.Tests;

public class CachesTests
{
    [Fact]
    public void DeviceTopicCache_ParsesOnce_AndStopsGrowingAtItsCapacity()
    {
        var cache = new DeviceTopicCache(capacity: 2);
        Assert.True(cache.TryGet("$sys/p/d1/thing/property", out var first));
        Assert.True(cache.TryGet(new string("$sys/p/d1/thing/property".AsSpan()), out var again));
        Assert.Same(first, again);
        Assert.Equal(("p", "d1", TopicKind.Property), (first.ProductId, first.DeviceName, first.Kind));
        Assert.Equal("p"u8.ToArray(), first.ProductIdUtf8);
        Assert.False(cache.TryGet("not/a/topic", out var bad));
        Assert.Null(bad);
        Assert.True(cache.TryGet("$sys/p/d3/thing/event", out var third)); // past capacity: parsed, not kept
        Assert.Equal("d3", third.DeviceName);
        Assert.Equal(2, cache.Count);
        Assert.False(cache.TryGet("not/a/topic", out _));
    }

    [Fact]
    public void Utf8NameCache_ACollisionStillGivesTheRightName()
    {
        var cache = new Utf8NameCache(slots: 1); // every name shares the one slot
        foreach (var name in new[] { "alpha", "beta", "alpha", "gamma", "beta", new string('x', 100), "tem\\u0070" })
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes($"\"{name}\""));
            reader.Read();
            Assert.Equal(reader.GetString(), cache.Get(ref reader));
        }
    }

    [Fact]
    public void Utf8NameCache_SlotsMustBeAPowerOfTwo()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Utf8NameCache(3));
    }
}
