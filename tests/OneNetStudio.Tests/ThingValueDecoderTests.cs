using System.Collections.Specialized;
using System.Text.Json;
using OneNetStudio.Core.Http;

namespace OneNetStudio.Tests;

public class ThingValueDecoderTests
{
    private static object? Decode(string json, ApiDataType? type)
    {
        using var document = JsonDocument.Parse(json);
        return ThingValueDecoder.Decode(document.RootElement, type);
    }

    private static ApiDataType Type(ThingDataType type) => ApiDataType.Of(type);

    private static ApiThingParameter Field(string identifier, ApiDataType type) => new() { Identifier = identifier, DataType = type };

    public static TheoryData<ThingDataType, string, object?> EncodedValues => new()
    {
        // value as the API sends it (a JSON string holding JSON), and what it becomes
        { ThingDataType.Int32, "\"600\"", 600 },
        { ThingDataType.Int32, "600", 600 },
        { ThingDataType.Int32, "\"-7\"", -7 },
        { ThingDataType.Int64, "\"9007199254740993\"", 9007199254740993L },
        { ThingDataType.Float, "\"23.6\"", 23.6 },
        { ThingDataType.Double, "\"1e3\"", 1000.0 },
        { ThingDataType.Double, "23.5", 23.5 },
        { ThingDataType.Bool, "\"false\"", false },
        { ThingDataType.Bool, "\"true\"", true },
        { ThingDataType.Bool, "true", true },
        { ThingDataType.Bool, "\"1\"", true },
        { ThingDataType.String, "\"\\\"on\\\"\"", "on" },
        { ThingDataType.String, "\"on\"", "on" },
        { ThingDataType.String, "\"600\"", "600" },
        { ThingDataType.String, "600", "600" },
        { ThingDataType.String, "\"\"", "" },
        { ThingDataType.Enum, "\"2\"", 2L },
        { ThingDataType.BitMap, "\"5\"", 5L },
        { ThingDataType.Int32, "\"\"", null },
        { ThingDataType.Int32, "null", null },
        { ThingDataType.Int32, "\"4000000000\"", 4000000000L },
        { ThingDataType.Int32, "\"1.5\"", 1.5 },
        { ThingDataType.Unknown, "\"600\"", 600L },
        { ThingDataType.Unknown, "\"hello\"", "hello" },
    };

    [Theory]
    [MemberData(nameof(EncodedValues))]
    public void AValue_IsDecodedByItsDataType(ThingDataType type, string json, object? expected)
    {
        var value = Decode(json, Type(type));
        Assert.Equal(expected, value);
        Assert.Equal(expected?.GetType(), value?.GetType());
    }

    [Theory]
    [InlineData("\"1592797444539\"")]
    [InlineData("1592797444539")]
    [InlineData("\"\\\"1592797444539\\\"\"")]
    [InlineData("\"2020-06-22T03:44:04.539Z\"")]
    public void ADate_IsADateTimeOffset(string json)
    {
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1592797444539), Decode(json, Type(ThingDataType.Date)));
    }

    [Fact]
    public void AStruct_IsAnOrderedDictionary_TypedByItsFields_AllTheWayDown()
    {
        var type = Type(ThingDataType.Struct) with
        {
            Fields =
            [
                Field("a", Type(ThingDataType.Int32)),
                Field("b", Type(ThingDataType.Float)),
                Field("c", Type(ThingDataType.Struct) with { Fields = [Field("on", Type(ThingDataType.Bool)), Field("at", Type(ThingDataType.Date))] }),
                Field("list", Type(ThingDataType.Array) with { Item = Type(ThingDataType.Int64) }),
            ],
        };
        var value = Assert.IsType<OrderedDictionary>(Decode("""
            "{\"z\":\"keep\",\"a\":\"5\",\"b\":2,\"c\":{\"on\":\"true\",\"at\":1592797444539},\"list\":[1,\"2\"]}"
            """, type));
        Assert.Equal(["z", "a", "b", "c", "list"], value.Keys.Cast<string>());
        Assert.Equal("keep", value["z"]);
        Assert.Equal(5, value["a"]);
        Assert.Equal(2.0, value["B"]);
        var inner = Assert.IsType<OrderedDictionary>(value["c"]);
        Assert.Equal(true, inner["on"]);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1592797444539), inner["at"]);
        Assert.Equal([1L, 2L], Assert.IsType<object?[]>(value["list"]));
    }

    [Fact]
    public void AStructWithoutItsFields_KeepsItsJsonTypes()
    {
        var value = Assert.IsType<OrderedDictionary>(Decode("\"{\\\"a\\\":1,\\\"b\\\":1.5,\\\"c\\\":\\\"x\\\",\\\"d\\\":[true]}\"", Type(ThingDataType.Struct)));
        Assert.Equal(1L, value["a"]);
        Assert.Equal(1.5, value["b"]);
        Assert.Equal("x", value["c"]);
        Assert.Equal([true], Assert.IsType<object?[]>(value["d"]));
    }

    [Fact]
    public void AnArrayOfStructs_IsAnObjectArrayOfOrderedDictionaries()
    {
        var type = Type(ThingDataType.Array) with { Item = Type(ThingDataType.Struct) with { Fields = [Field("v", Type(ThingDataType.Double))] } };
        var value = Assert.IsType<object?[]>(Decode("\"[{\\\"v\\\":1},{\\\"v\\\":\\\"2.5\\\"}]\"", type));
        Assert.Equal([1.0, 2.5], value.Cast<OrderedDictionary>().Select(item => item["v"]));
    }

    [Fact]
    public void AValueThatDoesNotFitItsType_IsKept_NotThrown()
    {
        Assert.Equal("abc", Decode("\"abc\"", Type(ThingDataType.Int32)));
        Assert.Equal("not json {", Decode("\"not json {\"", Type(ThingDataType.Struct)));
        Assert.Equal(7L, Decode("\"[7]\"", Type(ThingDataType.Struct)) is object?[] array ? array[0] : null);
    }

    [Fact]
    public void ServiceOutputText_IsDecodedIntoADictionary()
    {
        var output = ThingValueDecoder.DecodeText("""{"result1":"1","ok":true}""",
            ApiThingModel.StructOf([Field("result1", Type(ThingDataType.Int32))]));
        var map = Assert.IsType<OrderedDictionary>(output);
        Assert.Equal(1, map["result1"]);
        Assert.Equal(true, map["ok"]);
    }
}
