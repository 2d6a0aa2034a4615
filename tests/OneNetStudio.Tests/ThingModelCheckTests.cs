using System.Collections;
using System.Collections.Specialized;
using OneNetStudio.Core.Http;
using OneNetStudio.Core.Things;

namespace OneNetStudio.Tests;

public class ThingModelCheckTests
{
    private static ApiDataType Number(ThingDataType type, double? min = null, double? max = null) => ApiDataType.Of(type) with { Min = min, Max = max };

    private static ApiThingProperty Property(string identifier, ApiDataType type, ApiAccessMode access = ApiAccessMode.ReadWrite) =>
        new() { Identifier = identifier, DataType = type, AccessMode = access };

    private static ApiThingParameter Field(string identifier, ApiDataType type) => new() { Identifier = identifier, DataType = type };

    private static readonly ApiThingModel Model = new()
    {
        ProductId = "P1",
        Properties =
        [
            Property("temperature", Number(ThingDataType.Float, -40, 85)),
            Property("humidity", Number(ThingDataType.Int32, 0, 100)),
            Property("energy", Number(ThingDataType.Int64, 0, null)),
            Property("voltage", Number(ThingDataType.Double, 0, 1000), ApiAccessMode.ReadOnly),
            Property("Power", ApiDataType.Of(ThingDataType.String) with { Length = 3 }),
            Property("switch", ApiDataType.Of(ThingDataType.Bool) with { Values = new Dictionary<long, string> { [0] = "off", [1] = "on" } }),
            Property("mode", ApiDataType.Of(ThingDataType.Enum) with { Values = new Dictionary<long, string> { [0] = "auto", [1] = "eco", [2] = "boost" } }),
            Property("faults", ApiDataType.Of(ThingDataType.BitMap) with { Length = 4 }),
            Property("installedAt", ApiDataType.Of(ThingDataType.Date)),
            Property("location", ApiDataType.Of(ThingDataType.Struct) with
            {
                Fields = [Field("lng", Number(ThingDataType.Double, -180, 180)), Field("lat", Number(ThingDataType.Double, -90, 90))],
            }),
            Property("schedule", ApiDataType.Of(ThingDataType.Array) with { Size = 3, Item = Number(ThingDataType.Int32, 0, 23) }),
            Property("future", new ApiDataType { Type = ThingDataType.Unknown, TypeName = "geo" }),
        ],
        Services =
        [
            new ApiThingService { Identifier = "calibrate", Input = [Field("offset", Number(ThingDataType.Float, -10, 10))] },
        ],
    };

    private static ThingCheckResult Check(string identifier, object? value) => ThingModelCheck.Properties(Model, new Hashtable { [identifier] = value });

    private static object? Sent(string identifier, object? value)
    {
        var result = Check(identifier, value);
        Assert.True(result.Passed, string.Join(" ", result.Problems.Select(p => p.Message)));
        return result.Values![identifier];
    }

    private static ThingCheckProblem Refused(string identifier, object? value, ThingCheckProblemKind kind)
    {
        var result = Check(identifier, value);
        Assert.Null(result.Values);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(kind, problem.Kind);
        Assert.EndsWith(".", problem.Message);
        return problem;
    }

    public static TheoryData<string, object?, object?> Accepted => new()
    {
        { "temperature", 30.5, 30.5 },
        { "temperature", 30, 30 },
        { "temperature", "30.5", 30.5 },
        { "temperature", "-40", -40.0 },
        { "humidity", 61, 61 },
        { "humidity", 61L, 61L },
        { "humidity", 61.0, 61 },
        { "humidity", "61", 61 },
        { "humidity", " 7 ", 7 },
        { "energy", "9007199254740993", 9007199254740993L },
        { "energy", 5L, 5L },
        { "Power", "on", "on" },
        { "Power", 'x', 'x' },
        { "switch", true, true },
        { "switch", "true", true },
        { "switch", "False", false },
        { "switch", "1", true },
        { "switch", 0, false },
        { "switch", "on", true },
        { "mode", 2, 2 },
        { "mode", "2", 2L },
        { "mode", "Boost", 2L },
        { "faults", 15, 15 },
        { "faults", "5", 5L },
        { "installedAt", 1767225600000L, 1767225600000L },
        { "installedAt", "1767225600000", 1767225600000L },
        { "installedAt", "2026-01-01T00:00:00Z", 1767225600000L },
        { "future", "anything", "anything" },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Accepts_and_converts_exactly(string identifier, object? given, object? sent)
    {
        var value = Sent(identifier, given);
        Assert.Equal(sent, value);
        Assert.Equal(sent?.GetType(), value?.GetType());
    }

    [Fact]
    public void Says_what_it_converted_and_nothing_when_it_did_not()
    {
        var result = ThingModelCheck.Properties(Model, new OrderedDictionary { ["temperature"] = "30.5", ["humidity"] = 40 });
        var conversion = Assert.Single(result.Conversions);
        Assert.Contains("'temperature'", conversion);
        Assert.Contains("30.5", conversion);
        Assert.Equal(["temperature", "humidity"], result.Values!.Keys.Cast<string>());
    }

    [Fact]
    public void A_date_and_time_becomes_epoch_milliseconds()
    {
        var time = new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.FromHours(8));
        Assert.Equal(1767225600000L, Sent("installedAt", time));
        Assert.Equal(1767225600000L, Sent("installedAt", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        var local = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        Assert.Equal(new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Local)).ToUnixTimeMilliseconds(), Sent("installedAt", local));
    }

    public static TheoryData<string, object?, ThingCheckProblemKind, string> Refusals => new()
    {
        { "temperature", "hot", ThingCheckProblemKind.WrongType, "float from -40 to 85" },
        { "temperature", double.NaN, ThingCheckProblemKind.WrongType, "float" },
        { "temperature", 85.1, ThingCheckProblemKind.OutOfRange, "float from -40 to 85" },
        { "temperature", true, ThingCheckProblemKind.WrongType, "float" },
        { "humidity", 101, ThingCheckProblemKind.OutOfRange, "int32 from 0 to 100" },
        { "humidity", 30.5, ThingCheckProblemKind.WrongType, "int32" },
        { "humidity", "30.5", ThingCheckProblemKind.WrongType, "int32" },
        { "humidity", 3_000_000_000L, ThingCheckProblemKind.OutOfRange, "int32" },
        { "energy", -1, ThingCheckProblemKind.OutOfRange, "int64 from 0" },
        { "Power", "open", ThingCheckProblemKind.OutOfRange, "at most 3 characters" },
        { "Power", 1, ThingCheckProblemKind.WrongType, "string" },
        { "switch", "yes", ThingCheckProblemKind.WrongType, "true or false" },
        { "switch", 2, ThingCheckProblemKind.WrongType, "true or false" },
        { "mode", 7, ThingCheckProblemKind.OutOfRange, "0 (auto), 1 (eco), 2 (boost)" },
        { "mode", "turbo", ThingCheckProblemKind.WrongType, "0 (auto), 1 (eco), 2 (boost)" },
        { "faults", 16, ThingCheckProblemKind.OutOfRange, "0 to 15" },
        { "faults", -1, ThingCheckProblemKind.OutOfRange, "bitMap" },
        { "installedAt", -5, ThingCheckProblemKind.OutOfRange, "date" },
        { "installedAt", "soon", ThingCheckProblemKind.WrongType, "date" },
        { "installedAt", null, ThingCheckProblemKind.WrongType, "date" },
        { "location", "here", ThingCheckProblemKind.WrongType, "struct of lng, lat" },
        { "schedule", new[] { 1, 2, 3, 4 }, ThingCheckProblemKind.OutOfRange, "at most 3" },
        { "schedule", "1,2", ThingCheckProblemKind.WrongType, "array" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Refuses_naming_type_and_range(string identifier, object? given, ThingCheckProblemKind kind, string expected)
    {
        var problem = Refused(identifier, given, kind);
        Assert.Equal(identifier, problem.Identifier);
        Assert.Contains(expected, problem.Message);
        Assert.Contains(expected, problem.Expected);
    }

    [Theory]
    [InlineData("temprature", "temperature")]
    [InlineData("power", "Power")]
    [InlineData("humdity", "humidity")]
    [InlineData("instal", "installedAt")]
    [InlineData("colour", null)]
    public void Names_the_nearest_identifier_of_an_unknown_one(string given, string? nearest)
    {
        var problem = Refused(given, 1, ThingCheckProblemKind.Unknown);
        Assert.Equal(nearest, problem.Suggestion);
        Assert.Contains("temperature, humidity, energy", problem.Message);
        if (nearest is not null)
        {
            Assert.Contains($"did you mean '{nearest}'?", problem.Message);
        }
    }

    [Fact]
    public void Refuses_a_read_only_property_naming_the_writable_ones()
    {
        var problem = Refused("voltage", 230.0, ThingCheckProblemKind.ReadOnly);
        Assert.Contains("read-only", problem.Message);
        Assert.DoesNotContain("voltage", problem.Message[(problem.Message.IndexOf("writable", StringComparison.Ordinal))..]);
    }

    [Fact]
    public void Checks_struct_fields_and_array_items_by_path()
    {
        var location = (OrderedDictionary)Sent("location", new OrderedDictionary { ["lng"] = "120.5", ["lat"] = 30.0 })!;
        Assert.Equal((120.5, 30.0), ((double)location["lng"]!, (double)location["lat"]!));
        Assert.Equal(new object[] { 1, 2 }, (object?[])Sent("schedule", new object[] { 1, "2" })!);

        var result = Check("location", new Hashtable { ["lng"] = 200.0, ["lon"] = 1 });
        Assert.Equal(["location.lat", "location.lng", "location.lon"], result.Problems.Select(p => p.Path).Order());
        Assert.Equal("lng", result.Problems.Single(p => p.Path == "location.lon").Suggestion);
        Assert.Equal(ThingCheckProblemKind.OutOfRange, result.Problems.Single(p => p.Path == "location.lng").Kind);
        Assert.All(result.Problems, p => Assert.Equal("location", p.Identifier));

        var item = Assert.Single(Check("schedule", new object[] { 1, 24 }).Problems);
        Assert.Equal("schedule[1]", item.Path);
    }

    [Fact]
    public void Reports_every_problem_of_a_set()
    {
        var result = ThingModelCheck.Properties(Model, new OrderedDictionary { ["humidity"] = 150, ["colour"] = "red", ["voltage"] = 1.0, ["switch"] = true });
        Assert.Equal([ThingCheckProblemKind.OutOfRange, ThingCheckProblemKind.Unknown, ThingCheckProblemKind.ReadOnly], result.Problems.Select(p => p.Kind));
        Assert.False(result.Passed);
    }

    [Fact]
    public void Unwraps_keys_and_values_first()
    {
        var result = ThingModelCheck.Properties(Model, new Hashtable { ["humidity"] = new Boxed("42") }, v => v is Boxed b ? b.Value : v);
        Assert.Equal(42, result.Values!["humidity"]);
    }

    [Fact]
    public void Checks_a_service_input()
    {
        Assert.Equal(1.5, ThingModelCheck.ServiceInput(Model, "calibrate", new Hashtable { ["offset"] = "1.5" }).Values!["offset"]);
        var unknownService = Assert.Single(ThingModelCheck.ServiceInput(Model, "calibrat", new Hashtable()).Problems);
        Assert.Equal("calibrate", unknownService.Suggestion);
        var unknownInput = Assert.Single(ThingModelCheck.ServiceInput(Model, "calibrate", new Hashtable { ["ofset"] = 1 }).Problems);
        Assert.Equal((ThingCheckProblemKind.Unknown, "offset"), (unknownInput.Kind, unknownInput.Suggestion));
        Assert.Equal(ThingCheckProblemKind.OutOfRange, Assert.Single(ThingModelCheck.ServiceInput(Model, "calibrate", new Hashtable { ["offset"] = 11 }).Problems).Kind);
    }

    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("temprature", "temperature", 1)]
    [InlineData("ab", "ba", 1)]
    [InlineData("", "abc", 3)]
    public void Edit_distance(string a, string b, int distance) => Assert.Equal(distance, NearestIdentifier.Distance(a, b));

    private sealed record Boxed(object Value);
}
