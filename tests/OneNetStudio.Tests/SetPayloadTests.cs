using System.Collections;
using System.Collections.Specialized;
using System.Text;
using System.Text.Json;
using OneNetStudio.Core.Requests;

namespace OneNetStudio.Tests;

public class SetPayloadTests
{
    private static JsonElement Params(IDictionary properties, Func<object?, object?>? unwrap = null)
    {
        var bytes = SetPayload.Build("0123456789abcdef0123456789abcdef", properties, unwrap);
        var root = JsonDocument.Parse(bytes).RootElement;
        Assert.Equal("0123456789abcdef0123456789abcdef", root.GetProperty("requestId").GetString());
        Assert.Equal("1.0", root.GetProperty("data").GetProperty("version").GetString());
        return root.GetProperty("data").GetProperty("params");
    }

    [Fact]
    public void ValuesKeepTheirJsonTypes()
    {
        var values = Params(new OrderedDictionary
        {
            ["temperature"] = 30.5,
            ["Power"] = "on",
            ["switch"] = true,
            ["humidity"] = 70,
            ["big"] = long.MaxValue,
            ["price"] = 1.25m,
            ["nothing"] = null,
            ["nested"] = new Hashtable { ["a"] = 1, ["b"] = new object[] { "x", 2, false } },
            ["list"] = new List<int> { 1, 2, 3 },
        });
        Assert.Equal(JsonValueKind.Number, values.GetProperty("temperature").ValueKind);
        Assert.Equal(30.5, values.GetProperty("temperature").GetDouble());
        Assert.Equal("on", values.GetProperty("Power").GetString());
        Assert.Equal(JsonValueKind.True, values.GetProperty("switch").ValueKind);
        Assert.Equal(70, values.GetProperty("humidity").GetInt32());
        Assert.Equal(long.MaxValue, values.GetProperty("big").GetInt64());
        Assert.Equal(1.25m, values.GetProperty("price").GetDecimal());
        Assert.Equal(JsonValueKind.Null, values.GetProperty("nothing").ValueKind);
        Assert.Equal(1, values.GetProperty("nested").GetProperty("a").GetInt32());
        Assert.Equal("[\"x\",2,false]", values.GetProperty("nested").GetProperty("b").GetRawText());
        Assert.Equal("[1,2,3]", values.GetProperty("list").GetRawText());
    }

    [Fact]
    public void WholeDoublesKeepTheirDecimalPoint()
    {
        var values = Params(new Hashtable { ["temperature"] = 30.0, ["tiny"] = 1e-7, ["huge"] = 1e20 });
        Assert.Equal("30.0", values.GetProperty("temperature").GetRawText());
        Assert.Equal(1e-7, values.GetProperty("tiny").GetDouble());
        Assert.Equal(1e20, values.GetProperty("huge").GetDouble());
    }

    [Fact]
    public void FloatsKeepTheirShortForm()
    {
        var values = Params(new Hashtable { ["a"] = 0.1f, ["b"] = 2f });
        Assert.Equal("0.1", values.GetProperty("a").GetRawText());
        Assert.Equal("2.0", values.GetProperty("b").GetRawText());
    }

    [Fact]
    public void StringsAreEscapedNotInjected()
    {
        var values = Params(new Hashtable { ["name"] = "a\"b\\c\n中文" });
        Assert.Equal("a\"b\\c\n中文", values.GetProperty("name").GetString());
    }

    [Fact]
    public void UnwrapIsAppliedToKeysAndNestedValues()
    {
        var values = Params(new Hashtable { ["outer"] = new Hashtable { ["inner"] = new Wrapped(5) } },
            v => v is Wrapped w ? w.Value : v);
        Assert.Equal(5, values.GetProperty("outer").GetProperty("inner").GetInt32());
    }

    [Fact]
    public void EmptyPropertyIsRefused()
    {
        var error = Assert.Throws<SetPayloadException>(() => SetPayload.Build("r1", new Hashtable()));
        Assert.Contains("empty", error.Message);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void NonFiniteNumbersAreRefused(double value)
    {
        var error = Assert.Throws<SetPayloadException>(() => SetPayload.Build("r1", new Hashtable { ["temperature"] = value }));
        Assert.Contains("temperature", error.Message);
    }

    [Fact]
    public void ObjectsWithoutJsonFormAreRefusedNamingThePath()
    {
        var error = Assert.Throws<SetPayloadException>(() => SetPayload.Build("r1", new Hashtable { ["a"] = new Hashtable { ["when"] = DateTime.Now } }));
        Assert.Contains("a.when", error.Message);
        Assert.Contains("System.DateTime", error.Message);
    }

    [Fact]
    public void NonStringKeysAreRefused() =>
        Assert.Throws<SetPayloadException>(() => SetPayload.Build("r1", new Hashtable { [1] = "x" }));

    [Fact]
    public void OversizedPayloadIsRefused()
    {
        var error = Assert.Throws<SetPayloadException>(() => SetPayload.Build("r1", new Hashtable { ["blob"] = new string('x', SetPayload.MaxBytes) }));
        Assert.Contains("262,144", error.Message);
    }

    [Fact]
    public void CyclesEndAtTheDepthLimit()
    {
        var cycle = new Hashtable();
        cycle["self"] = cycle;
        Assert.Throws<SetPayloadException>(() => SetPayload.Build("r1", new Hashtable { ["loop"] = cycle }));
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef", true)]
    [InlineData("my-request_1.2", true)]
    [InlineData("", false)]
    [InlineData("has space", false)]
    [InlineData("quote\"", false)]
    public void RequestIdsAreValidated(string id, bool valid) => Assert.Equal(valid, RequestIds.Validate(id) is null);

    [Fact]
    public void NewRequestIdsAre32Hex() => Assert.Matches("^[0-9a-f]{32}$", RequestIds.New());

    [Fact]
    public void PayloadIsUtf8WithoutBom() =>
        Assert.StartsWith("{\"requestId\"", Encoding.UTF8.GetString(SetPayload.Build("r1", new Hashtable { ["a"] = 1 })));

    private sealed record Wrapped(int Value);
}
