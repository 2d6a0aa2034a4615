using System.Collections;
using System.Collections.Specialized;
using OneNetStudio.Core.Http;

namespace OneNetStudio.Tests;

/// <summary>Each quirk that product.md 2.7 lists, read through the dialect from the fake platform's JSON.</summary>
public class HttpQuirkTests
{
    private static HttpTestKit Answering(string dataJson, string requestId = "req-1") => new(_ => FakeApiHandler.Ok(dataJson, requestId));

    private const string ThingModelJson = """
        {
          "properties": [
            {"identifier":"temp","name":"Temperature","desc":"room","accessMode":"r","functionType":"u",
             "dataType":{"type":"float","specs":{"min":"-40","max":"100","step":"0.1","unit":"℃","unitName":"degrees"}}},
            {"identifier":"mode","name":"Mode","accessMode":"rw","dataType":{"type":"enum","specs":{"1":"mode 1","2":"mode 2"}}},
            {"identifier":"power","accessMode":"rw","dataType":{"type":"bool","specs":{"0":"off","1":"on"}}},
            {"identifier":"label","accessMode":"rw","dataType":{"type":"string","specs":{"length":"64"}}},
            {"identifier":"flags","accessMode":"r","dataType":{"type":"bitMap","specs":{"length":"8"}}},
            {"identifier":"since","accessMode":"r","dataType":{"type":"date","specs":{}}},
            {"identifier":"count","accessMode":"r","dataType":{"type":"int64","specs":{"min":"0","max":"9007199254740993"}}},
            {"identifier":"pos","accessMode":"rw","dataType":{"type":"struct","specs":[
              {"identifier":"x","name":"X","dataType":{"type":"int32","specs":{"min":"0","max":"10"}}},
              {"identifier":"y","name":"Y","dataType":{"type":"double","specs":{}}}]}},
            {"identifier":"samples","accessMode":"r","dataType":{"type":"array","specs":{"length":"4","type":"int32"}}},
            {"identifier":"points","accessMode":"r","dataType":{"type":"array","specs":{"size":"2","item":{"type":"struct","specs":[
              {"identifier":"v","dataType":{"type":"int32"}}]}}}}
          ],
          "events": [
            {"identifier":"overheat","name":"Overheat","type":"alert","outputData":[{"identifier":"temp","dataType":{"type":"float"}}]},
            {"identifier":"boot","eventType":"info","output":[{"identifier":"reason","dataType":{"type":"string"}}]}
          ],
          "services": [
            {"identifier":"reboot","name":"Reboot","callType":"a","inputData":[{"identifier":"delay","dataType":{"type":"int32"}}],"outputData":[]},
            {"identifier":"measure","name":"Measure","callType":"s","input":[],"output":[{"identifier":"result1","dataType":{"type":"int32"}}]}
          ]
        }
        """;

    private static async Task<ApiThingModel> Model()
    {
        await using var kit = Answering(ThingModelJson);
        return await kit.Api.QueryThingModelAsync("pid");
    }

    [Fact]
    public async Task TheThingModel_ReadsABoolsNamesKeyedByTrueAndFalse_AsOneAndZero()
    {
        await using var kit = Answering("""{"properties":[{"identifier":"sw","accessMode":"rw","dataType":{"type":"bool","specs":{"false":"off","true":"on"}}}],"events":[],"services":[]}""");
        var model = await kit.Api.QueryThingModelAsync("pid");
        Assert.Equal(new Dictionary<long, string> { [0] = "off", [1] = "on" }, model.FindProperty("sw")!.DataType.Values);
    }

    [Fact]
    public async Task TheThingModel_ReadsSpecsNumbersFromStrings_EnumsFromMaps_AndBothParameterSpellings()
    {
        var model = await Model();
        var temp = model.FindProperty("temp")!;
        Assert.Equal(ApiAccessMode.ReadOnly, temp.AccessMode);
        Assert.Equal("room", temp.Description);
        Assert.Equal(ThingDataType.Float, temp.DataType.Type);
        Assert.Equal((-40.0, 100.0, 0.1), (temp.DataType.Min, temp.DataType.Max, temp.DataType.Step));
        Assert.Equal("℃", temp.DataType.Unit);
        Assert.Equal("degrees", temp.DataType.UnitName);
        Assert.Equal(new Dictionary<long, string> { [1] = "mode 1", [2] = "mode 2" }, model.FindProperty("mode")!.DataType.Values);
        Assert.Equal(ApiAccessMode.ReadWrite, model.FindProperty("mode")!.AccessMode);
        Assert.Equal("on", model.FindProperty("power")!.DataType.Values![1]);
        Assert.Equal(64, model.FindProperty("label")!.DataType.Length);
        Assert.Equal((ThingDataType.BitMap, "bitMap", 8), (model.FindProperty("flags")!.DataType.Type, model.FindProperty("flags")!.DataType.TypeName, model.FindProperty("flags")!.DataType.Length));
        Assert.Equal(9007199254740993.0, model.FindProperty("count")!.DataType.Max);
        var pos = model.FindProperty("pos")!.DataType;
        Assert.Equal(["x", "y"], pos.Fields!.Select(f => f.Identifier));
        Assert.Equal((ThingDataType.Int32, 10.0), (pos.Fields![0].DataType.Type, pos.Fields[0].DataType.Max));
        var samples = model.FindProperty("samples")!.DataType;
        Assert.Equal((4, ThingDataType.Int32), (samples.Size, samples.Item!.Type));
        var points = model.FindProperty("points")!.DataType;
        Assert.Equal((2, ThingDataType.Struct, "v"), (points.Size, points.Item!.Type, points.Item.Fields![0].Identifier));

        Assert.Equal(ApiEventType.Alert, model.FindEvent("overheat")!.EventType);
        Assert.Equal("temp", Assert.Single(model.FindEvent("overheat")!.Output).Identifier);
        Assert.Equal(ApiEventType.Info, model.FindEvent("boot")!.EventType);
        Assert.Equal("reason", Assert.Single(model.FindEvent("boot")!.Output).Identifier);

        var reboot = model.FindService("reboot")!;
        Assert.Equal(ApiServiceCallType.Async, reboot.CallType);
        Assert.Equal("delay", Assert.Single(reboot.Input).Identifier);
        var measure = model.FindService("measure")!;
        Assert.Equal(ApiServiceCallType.Sync, measure.CallType);
        Assert.Equal("result1", Assert.Single(measure.Output).Identifier);
    }

    [Fact]
    public async Task TheDeviceList_ReadsNumbersAsStrings_IsoTimes_AndNeverOnlineAsNull()
    {
        await using var kit = Answering("""
            {"list":[
              {"product_id":123,"product_name":"Lamp","device_name":"dev1","status":"2","from":"web","node_type":"1",
               "created_time":"2020-06-19T06:09:42.300Z","last_time":"0001-01-01T00:00:00.000Z"},
              {"product_id":"pid","device_name":"dev2","status":3,"node_type":3,"create_time":"2020-06-19T06:09:42.300Z","last_time":"2021-01-02T03:04:05.000Z"},
              {"product_id":"pid","device_name":"dev3","status":1}
            ],"meta":{"limit":"100","offset":"0","total":"3"}}
            """);
        var devices = new List<ApiDevice>();
        await foreach (var device in kit.Api.QueryDeviceListAsync(productId: "pid"))
        {
            devices.Add(device);
        }
        Assert.Equal("123", devices[0].ProductId);
        Assert.Equal(ApiDeviceStatus.Online, devices[0].Status);
        Assert.Equal(ApiNodeType.Direct, devices[0].NodeType);
        Assert.Equal(new DateTimeOffset(2020, 6, 19, 6, 9, 42, 300, TimeSpan.Zero), devices[0].CreatedTime);
        Assert.Null(devices[0].LastTime);
        Assert.Equal(new DateTimeOffset(2020, 6, 19, 6, 9, 42, 300, TimeSpan.Zero), devices[1].CreatedTime);
        Assert.Equal((ApiDeviceStatus.Offline, ApiNodeType.SubDevice), (devices[1].Status, devices[1].NodeType));
        Assert.Equal(ApiDeviceStatus.Inactive, devices[2].Status);
        Assert.Null(devices[2].CreatedTime);
        Assert.Equal("pid", kit.Handler.Last["product_id"]);
    }

    [Fact]
    public async Task TheDeviceDetail_AcceptsCreateTime_AndNeverKeepsTheDeviceKey()
    {
        const string secret = "c2VjcmV0LWRldmljZS1rZXk=";
        await using var kit = Answering($$"""
            {"device_name":"dev1","product_id":"pid","product_name":"Lamp","desc":"hall","status":2,"node_type":1,"protocol":"MQTT",
             "imei":"8612","imsi":"4600","auth_code":"ac","ip":"10.0.0.1","create_time":"2020-06-19T06:09:42.300Z",
             "last_time":"2020-06-20T00:00:00.000Z","active_time":"0001-01-01T00:00:00.000Z","sec_key":"{{secret}}"}
            """);
        var detail = await kit.Api.QueryDeviceDetailAsync("pid", "dev1");
        Assert.Equal(new DateTimeOffset(2020, 6, 19, 6, 9, 42, 300, TimeSpan.Zero), detail.CreatedTime);
        Assert.Null(detail.ActiveTime);
        Assert.Equal(("hall", "MQTT", "10.0.0.1"), (detail.Description, detail.Protocol, detail.Ip));
        Assert.DoesNotContain(secret, detail.ToString());
        Assert.DoesNotContain(typeof(ApiDeviceDetail).GetProperties(), p => p.Name.Contains("Key", StringComparison.OrdinalIgnoreCase) || p.Name.Contains("Sec", StringComparison.OrdinalIgnoreCase));
        Assert.All(typeof(ApiDeviceDetail).GetProperties().Select(p => p.GetValue(detail)?.ToString()), v => Assert.NotEqual(secret, v));
    }

    [Fact]
    public async Task LatestValues_AreDecodedByTheirDataType_AndANeverReportedPropertyHasNoValueAndNoTime()
    {
        await using var kit = Answering("""
            {"list":[
              {"identifier":"interval","name":"Interval","description":"s","data_type":"int32","access_mode":"读写","value":"600","expect_value":"60","time":"1592797444539"},
              {"identifier":"power","name":"Power","data_type":"bool","access_mode":"读写","value":"false","expect_value":"","time":"1592797444539"},
              {"identifier":"pos","data_type":"struct","access_mode":"只读","value":"{\"x\":1,\"y\":2.5}","time":"1592797444539"},
              {"identifier":"ghost","name":"Never","data_type":"float","access_mode":"只读","value":"","time":"0"},
              {"identifier":"ghost2","data_type":"string","access_mode":"只读","value":"0","time":"0"}
            ]}
            """);
        var states = (await kit.Api.QueryDevicePropertyAsync("pid", "dev1")).ToDictionary(s => s.Identifier);
        Assert.Equal(600, states["interval"].Value);
        Assert.Equal(60, states["interval"].DesiredValue);
        Assert.Equal(ApiAccessMode.ReadWrite, states["interval"].AccessMode);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1592797444539), states["interval"].Time);
        Assert.Equal(false, states["power"].Value);
        Assert.Null(states["power"].DesiredValue);
        var pos = Assert.IsType<OrderedDictionary>(states["pos"].Value);
        Assert.Equal((1L, 2.5), (pos["x"], pos["y"]));
        Assert.Equal(ApiAccessMode.ReadOnly, states["pos"].AccessMode);
        Assert.Null(states["ghost"].Value);
        Assert.Null(states["ghost"].Time);
        Assert.Equal(ThingDataType.Float, states["ghost"].DataType.Type);
        Assert.Null(states["ghost2"].Value);
        Assert.Null(states["ghost2"].Time);
    }

    [Fact]
    public async Task LiveValues_AreTypedByTheThingModel()
    {
        var model = await Model();
        await using var kit = Answering("""{"mode":1,"temp":"21.5","extra":"x"}""");
        var values = await kit.Api.QueryDevicePropertyDetailAsync("pid", "dev1", ["mode", "temp", "extra"], model);
        Assert.Equal(1L, values["mode"]);
        Assert.Equal(21.5, values["temp"]);
        Assert.Equal("x", values["extra"]);
        Assert.Equal("""["mode","temp","extra"]""", System.Text.Json.JsonDocument.Parse(kit.Handler.Last.Body!).RootElement.GetProperty("params").GetRawText());
    }

    [Fact]
    public async Task StatusHistory_HasNumericTimes()
    {
        await using var kit = Answering("""{"list":[{"status":1,"time":1592797444539},{"status":0,"time":1592797500000}]}""");
        var changes = new List<ApiStatusChange>();
        await foreach (var change in kit.Api.QueryDeviceStatusHistoryAsync("pid", "dev1", DateTimeOffset.UnixEpoch.AddYears(50), DateTimeOffset.UnixEpoch.AddYears(51)))
        {
            changes.Add(change);
        }
        Assert.Equal([true, false], changes.Select(c => c.Online));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1592797444539), changes[0].Time);
    }

    [Fact]
    public async Task EventHistory_ValuesAreTypedByTheEventsOutput()
    {
        var model = await Model();
        await using var kit = Answering("""
            {"list":[{"identifier":"overheat","name":"Overheat","event_type":"2","value":"{\"temp\":\"81.5\"}","time":"1592797444539"},
                     {"identifier":"unknown","event_type":3,"value":"{\"a\":1}","time":"1592797444540"}]}
            """);
        var events = new List<ApiEventValue>();
        await foreach (var row in kit.Api.QueryDeviceEventHistoryAsync("pid", "dev1", DateTimeOffset.UnixEpoch.AddYears(50), DateTimeOffset.UnixEpoch.AddYears(51),
                           eventType: ApiEventType.Alert, model: model))
        {
            events.Add(row);
        }
        Assert.Equal(ApiEventType.Alert, events[0].EventType);
        Assert.Equal(81.5, Assert.IsType<OrderedDictionary>(events[0].Value)["temp"]);
        Assert.Equal(ApiEventType.Fault, events[1].EventType);
        Assert.Equal(1L, Assert.IsType<OrderedDictionary>(events[1].Value)["a"]);
        Assert.Equal("2", kit.Handler.Last["event_type"]);
    }

    [Fact]
    public async Task DesiredValues_TakeVersionsAsNumbersOrStrings_AndValuesAsJsonText()
    {
        var model = await Model();
        await using var kit = Answering("""{"params":{"mode":{"value":"2","version":2},"label":{"value":"\"hall\"","version":"3"},"other":{"value":"on"}}}""");
        var desired = (await kit.Api.QueryDeviceDesiredPropertyAsync("pid", "dev1", model: model)).ToDictionary(d => d.Identifier);
        Assert.Equal((2L, 2L), (desired["mode"].Value, desired["mode"].Version));
        Assert.Equal(("hall", 3L), (desired["label"].Value, desired["label"].Version));
        Assert.Equal("on", desired["other"].Value);
        Assert.Null(desired["other"].Version);
        Assert.False(System.Text.Json.JsonDocument.Parse(kit.Handler.Last.Body!).RootElement.TryGetProperty("params", out _));
    }

    [Fact]
    public async Task ASetsReply_IsTheDevicesAnswer_AndARefusalIsNoException()
    {
        await using var kit = Answering("""{"id":"12","code":"308","msg":"device not online"}""", requestId: "r42");
        var reply = await kit.Api.SetDevicePropertyAsync("pid", "dev1", new Hashtable { ["mode"] = 2 });
        Assert.Equal(("r42", "12", 308, "device not online", false), (reply.RequestId, reply.Id, reply.Code, reply.Message, reply.Success));
    }

    [Fact]
    public async Task ASynchronousServiceAnswersWithItsTypedOutput_AnAsynchronousOneWithNone()
    {
        var model = await Model();
        await using (var kit = Answering("""{"result1":"1"}""", requestId: "trace-1"))
        {
            var result = await kit.Api.CallServiceAsync("pid", "dev1", "measure", new Hashtable(), model);
            Assert.Equal("trace-1", result.RequestId);
            Assert.Equal(1, result.Output!["result1"]);
            var body = System.Text.Json.JsonDocument.Parse(kit.Handler.Last.Body!).RootElement;
            Assert.Equal("measure", body.GetProperty("identifier").GetString());
            Assert.Equal("{}", body.GetProperty("params").GetRawText());
        }
        await using (var kit = Answering("null", requestId: "trace-2"))
        {
            var result = await kit.Api.CallServiceAsync("pid", "dev1", "reboot", new Hashtable { ["delay"] = 5 }, model);
            Assert.False(result.HasOutput);
            Assert.Equal("trace-2", result.RequestId);
        }
    }

    [Fact]
    public async Task AServiceRecord_SaysPendingDoneOrFailed_AndDecodesTheResponseBody()
    {
        var model = await Model();
        await using var kit = new HttpTestKit(request => FakeApiHandler.Ok(request["trace_id"] switch
        {
            "t1" => """{"request_time":"1592797444539","function_name":"Measure","identifier":"measure","type":0,"request_body":"{}","response_time":1592797444600,"response_body":"{\"result1\":\"7\"}","code":200,"msg":"ok"}""",
            "t2" => """{"request_time":"1592797444539","identifier":"reboot","type":"1","request_body":"{\"delay\":5}","response_time":"0","code":"0"}""",
            _ => """{"identifier":"reboot","type":1,"code":306,"msg":"timeout"}""",
        }));
        var done = await kit.Api.QueryServiceRecordAsync("t1", model);
        Assert.Equal((ApiServiceRecordState.Succeeded, ApiServiceCallType.Sync, 7), (done.State, done.CallType, done.Output!["result1"]));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1592797444600), done.ResponseTime);
        Assert.Equal("t1", done.TraceId);
        var pending = await kit.Api.QueryServiceRecordAsync("t2", model);
        Assert.Equal((ApiServiceRecordState.Pending, ApiServiceCallType.Async), (pending.State, pending.CallType));
        Assert.Null(pending.ResponseTime);
        Assert.Null(pending.Output);
        Assert.Equal("{\"delay\":5}", pending.RequestBody);
        var failed = await kit.Api.QueryServiceRecordAsync("t3", model);
        Assert.Equal((ApiServiceRecordState.Failed, 306, "timeout"), (failed.State, failed.Code, failed.Message));
    }

    [Fact]
    public async Task TheProductList_ReadsCountsFromStrings()
    {
        await using var kit = Answering("""{"list":[{"product_id":"pid","name":"Lamp","type":1,"desc":"d","protocol":"MQTT","node_type":"2","data_type":1,"network":"wifi","device_number":"12"}],"meta":{"total":1}}""");
        var products = new List<ApiProduct>();
        await foreach (var product in kit.Api.QueryProductListAsync())
        {
            products.Add(product);
        }
        var lamp = Assert.Single(products);
        Assert.Equal(("Lamp", "1", ApiNodeType.Gateway, 12L, "1"), (lamp.Name, lamp.Type, lamp.NodeType, lamp.DeviceCount, lamp.DataType));
    }

    [Fact]
    public async Task ADeviceStatus_MayComeAsAStringOrANumber()
    {
        await using var kit = new HttpTestKit(request => FakeApiHandler.Ok(request["device_name"] == "a" ? """{"status":"3"}""" : "1"));
        Assert.Equal(ApiDeviceStatus.Offline, await kit.Api.QueryDeviceStatusAsync("pid", "a"));
        Assert.Equal(ApiDeviceStatus.Inactive, await kit.Api.QueryDeviceStatusAsync("pid", "b"));
    }

    [Fact]
    public async Task TheEnvelope_IsReadLeniently()
    {
        await using var kit = new HttpTestKit(request => FakeApiHandler.Json(request["device_name"] switch
        {
            "text" => """{"request_id":"r1","success":"true","data":{"status":2}}""",
            _ => """{"requestId":"r2","success":"false","code":"iot.application.deviceNotFound","message":"gone"}""",
        }));
        Assert.Equal(ApiDeviceStatus.Online, await kit.Api.QueryDeviceStatusAsync("pid", "text"));
        var error = await Assert.ThrowsAsync<OneNetApiException>(() => kit.Api.QueryDeviceStatusAsync("pid", "missing"));
        Assert.Equal((OneNetApiErrorKind.DeviceNotFound, "gone", "r2"), (error.Kind, error.PlatformMessage, error.RequestId));
    }
}
