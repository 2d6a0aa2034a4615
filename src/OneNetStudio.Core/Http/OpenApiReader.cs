using System.Collections.Specialized;
using System.Text.Json;

namespace OneNetStudio.Core.Http;

/// <summary>
/// Reads the open API's answers into the <c>Api*</c> records: every field name of an answer is here. Lenient as 2.7
/// demands; a missing field is null (or Unknown), never an exception. The device key (<c>sec_key</c>) is never read.
/// </summary>
internal static class OpenApiReader
{
    /// <summary><c>data.list</c> (or <c>data</c> itself when it is the list) and <c>data.meta</c> {limit, offset, total}.</summary>
    public static ApiPage<T> Page<T>(JsonElement data, Func<JsonElement, T> readItem)
    {
        var list = data.ValueKind == JsonValueKind.Array ? data : LenientJson.Get(data, "list");
        var items = list.ValueKind == JsonValueKind.Array ? list.EnumerateArray().Select(readItem).ToList() : [];
        var meta = LenientJson.Get(data, "meta");
        // Only total is trusted to end the list; count means the page's size on some endpoints.
        var total = LenientJson.Int64(LenientJson.Get(meta, "total"));
        return new ApiPage<T>(items, total, LenientJson.Int32(LenientJson.Get(meta, "limit")));
    }

    public static ApiDevice Device(JsonElement item) => new()
    {
        ProductId = Text(item, "product_id") ?? "",
        ProductName = Text(item, "product_name"),
        DeviceName = Text(item, "device_name") ?? "",
        Status = DeviceStatusOf(LenientJson.Get(item, "status")),
        From = Text(item, "from"),
        NodeType = NodeTypeOf(LenientJson.Get(item, "node_type")),
        CreatedTime = LenientJson.Time(LenientJson.Get(item, "created_time", "create_time")),
        LastTime = LenientJson.Time(LenientJson.Get(item, "last_time")),
    };

    public static ApiProduct Product(JsonElement item) => new()
    {
        ProductId = Text(item, "product_id") ?? "",
        Name = Text(item, "name", "product_name"),
        Type = Text(item, "type"),
        Description = Text(item, "desc", "description"),
        Protocol = Text(item, "protocol"),
        NodeType = NodeTypeOf(LenientJson.Get(item, "node_type")),
        DataType = Text(item, "data_type"),
        Network = Text(item, "network"),
        DeviceCount = LenientJson.Int64(LenientJson.Get(item, "device_number")),
    };

    public static ApiDeviceDetail DeviceDetail(JsonElement data, string productId, string deviceName) => new()
    {
        ProductId = Text(data, "product_id") ?? productId,
        ProductName = Text(data, "product_name"),
        DeviceName = Text(data, "device_name") ?? deviceName,
        Description = Text(data, "desc", "description"),
        Status = DeviceStatusOf(LenientJson.Get(data, "status")),
        NodeType = NodeTypeOf(LenientJson.Get(data, "node_type")),
        Protocol = Text(data, "protocol"),
        Imei = Text(data, "imei"),
        Imsi = Text(data, "imsi"),
        AuthCode = Text(data, "auth_code"),
        Ip = Text(data, "ip"),
        CreatedTime = LenientJson.Time(LenientJson.Get(data, "created_time", "create_time")),
        LastTime = LenientJson.Time(LenientJson.Get(data, "last_time")),
        ActiveTime = LenientJson.Time(LenientJson.Get(data, "active_time")),
    };

    /// <summary><c>{"status":2}</c>, or the number alone.</summary>
    public static ApiDeviceStatus DeviceStatus(JsonElement data) =>
        DeviceStatusOf(data.ValueKind == JsonValueKind.Object ? LenientJson.Get(data, "status") : data);

    public static ApiStatusChange StatusChange(JsonElement item)
    {
        var status = LenientJson.Get(item, "status");
        var online = LenientJson.Boolean(status) ?? LenientJson.String(status)?.Equals("online", StringComparison.OrdinalIgnoreCase) == true;
        return new ApiStatusChange { Online = online, Time = LenientJson.Time(LenientJson.Get(item, "time")) };
    }

    /// <summary><c>data.list</c> or <c>data</c> as the list; each value and desired value decoded by its <c>data_type</c>.</summary>
    public static IReadOnlyList<ApiPropertyState> PropertyStates(JsonElement data)
    {
        var list = data.ValueKind == JsonValueKind.Array ? data : LenientJson.Get(data, "list");
        return list.ValueKind != JsonValueKind.Array ? [] : list.EnumerateArray().Select(PropertyState).ToList();
    }

    public static ApiPropertyState PropertyState(JsonElement item)
    {
        var typeName = Text(item, "data_type") ?? "unknown";
        var dataType = new ApiDataType { Type = ThingDataTypeNames.Parse(typeName), TypeName = typeName };
        var time = LenientJson.Time(LenientJson.Get(item, "time"));
        return new ApiPropertyState
        {
            Identifier = Text(item, "identifier") ?? "",
            Name = Text(item, "name"),
            Description = Text(item, "description", "desc"),
            DataType = dataType,
            AccessMode = AccessModeOf(Text(item, "access_mode")),
            // Never reported ("time":"0"): no value, whatever placeholder the value field holds.
            Value = time is null ? null : ThingValueDecoder.Decode(LenientJson.Get(item, "value"), dataType),
            DesiredValue = ThingValueDecoder.Decode(LenientJson.Get(item, "expect_value"), dataType),
            Time = time,
        };
    }

    public static ApiPropertyValue PropertyValue(JsonElement item, ApiDataType? dataType) => new()
    {
        Value = ThingValueDecoder.Decode(LenientJson.Get(item, "value"), dataType),
        Time = LenientJson.Time(LenientJson.Get(item, "time")),
    };

    public static ApiEventValue EventValue(JsonElement item, ApiThingModel? model)
    {
        var identifier = Text(item, "identifier") ?? "";
        var thingEvent = model?.FindEvent(identifier);
        return new ApiEventValue
        {
            Identifier = identifier,
            Name = Text(item, "name") ?? thingEvent?.Name,
            EventType = EventTypeOf(LenientJson.Get(item, "event_type")) is var type and not ApiEventType.Unknown ? type : thingEvent?.EventType ?? ApiEventType.Unknown,
            Value = ThingValueDecoder.Decode(LenientJson.Get(item, "value"), thingEvent is null ? null : ApiThingModel.StructOf(thingEvent.Output)),
            Time = LenientJson.Time(LenientJson.Get(item, "time")),
        };
    }

    /// <summary>The device's answer to a set: <c>{id, code, msg}</c>.</summary>
    public static ApiDeviceReply DeviceReply(ApiResponse response) => new()
    {
        RequestId = response.RequestId,
        Id = Text(response.Data, "id"),
        Code = LenientJson.Int32(LenientJson.Get(response.Data, "code")),
        Message = Text(response.Data, "msg", "message"),
    };

    /// <summary><c>{"params":{"switch":{"value":"on","version":2}}}</c> (or the map without <c>params</c>).</summary>
    public static IReadOnlyList<ApiDesiredValue> DesiredValues(JsonElement data, ApiThingModel? model)
    {
        var map = LenientJson.Get(data, "params");
        if (map.ValueKind != JsonValueKind.Object)
        {
            map = data;
        }
        if (map.ValueKind != JsonValueKind.Object)
        {
            return [];
        }
        var values = new List<ApiDesiredValue>();
        foreach (var entry in map.EnumerateObject())
        {
            var holder = entry.Value;
            var isHolder = holder.ValueKind == JsonValueKind.Object && (holder.TryGetProperty("value", out _) || holder.TryGetProperty("version", out _));
            values.Add(new ApiDesiredValue
            {
                Identifier = entry.Name,
                Value = ThingValueDecoder.Decode(isHolder ? LenientJson.Get(holder, "value") : holder, model?.FindProperty(entry.Name)?.DataType),
                Version = isHolder ? LenientJson.Int64(LenientJson.Get(holder, "version")) : null,
            });
        }
        return values;
    }

    /// <summary>Values read from the device: <c>{"light":1,"model":1}</c>, typed by the thing model's properties when given.</summary>
    public static OrderedDictionary LiveValues(JsonElement data, ApiThingModel? model)
    {
        var values = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
        var map = data.ValueKind == JsonValueKind.Object && LenientJson.Get(data, "params").ValueKind == JsonValueKind.Object
            ? LenientJson.Get(data, "params")
            : data;
        if (map.ValueKind == JsonValueKind.Object)
        {
            foreach (var entry in map.EnumerateObject())
            {
                values[entry.Name] = ThingValueDecoder.Decode(entry.Value, model?.FindProperty(entry.Name)?.DataType);
            }
        }
        return values;
    }

    /// <summary>A synchronous service's output, or nothing (an asynchronous service).</summary>
    public static ApiServiceResult ServiceResult(ApiResponse response, ApiThingService? service) => new()
    {
        RequestId = response.RequestId,
        Output = LenientJson.IsMissing(response.Data) ? null : OutputOf(response.Data, service),
    };

    public static ApiServiceRecord ServiceRecord(JsonElement data, string traceId, ApiThingModel? model)
    {
        var identifier = Text(data, "identifier");
        var service = identifier is null ? null : model?.FindService(identifier);
        var responseBody = LenientJson.Get(data, "response_body");
        return new ApiServiceRecord
        {
            TraceId = Text(data, "trace_id") ?? traceId,
            Identifier = identifier,
            FunctionName = Text(data, "function_name"),
            CallType = LenientJson.Int32(LenientJson.Get(data, "type")) switch
            {
                0 => ApiServiceCallType.Sync,
                1 => ApiServiceCallType.Async,
                _ => CallTypeOf(Text(data, "type")),
            },
            RequestTime = LenientJson.Time(LenientJson.Get(data, "request_time")),
            RequestBody = LenientJson.Text(LenientJson.Get(data, "request_body")),
            ResponseTime = LenientJson.Time(LenientJson.Get(data, "response_time")),
            ResponseBody = LenientJson.Text(responseBody),
            Output = LenientJson.IsMissing(responseBody) ? null : OutputOf(responseBody, service),
            Code = LenientJson.Int32(LenientJson.Get(data, "code")),
            Message = Text(data, "msg", "message"),
        };
    }

    public static ApiDeviceStatus DeviceStatusOf(JsonElement value) => LenientJson.Int32(value) switch
    {
        1 => ApiDeviceStatus.Inactive,
        2 => ApiDeviceStatus.Online,
        3 => ApiDeviceStatus.Offline,
        _ => LenientJson.String(value)?.Trim().ToLowerInvariant() switch
        {
            "inactive" => ApiDeviceStatus.Inactive,
            "online" => ApiDeviceStatus.Online,
            "offline" => ApiDeviceStatus.Offline,
            _ => ApiDeviceStatus.Unknown,
        },
    };

    public static ApiNodeType NodeTypeOf(JsonElement value) => LenientJson.Int32(value) switch
    {
        1 => ApiNodeType.Direct,
        2 => ApiNodeType.Gateway,
        3 => ApiNodeType.SubDevice,
        _ => ApiNodeType.Unknown,
    };

    public static ApiEventType EventTypeOf(JsonElement value) => LenientJson.Int32(value) switch
    {
        1 => ApiEventType.Info,
        2 => ApiEventType.Alert,
        3 => ApiEventType.Fault,
        _ => LenientJson.String(value)?.Trim().ToLowerInvariant() switch
        {
            "info" => ApiEventType.Info,
            "alert" or "warn" or "warning" => ApiEventType.Alert,
            "error" or "fault" => ApiEventType.Fault,
            _ => ApiEventType.Unknown,
        },
    };

    public static ApiAccessMode AccessModeOf(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "r" or "read" or "readonly" or "只读" => ApiAccessMode.ReadOnly,
        "rw" or "readwrite" or "读写" => ApiAccessMode.ReadWrite,
        "w" or "write" or "writeonly" or "只写" => ApiAccessMode.WriteOnly,
        _ => ApiAccessMode.Unknown,
    };

    public static ApiServiceCallType CallTypeOf(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "s" or "sync" or "同步" => ApiServiceCallType.Sync,
        "a" or "async" or "异步" => ApiServiceCallType.Async,
        _ => ApiServiceCallType.Unknown,
    };

    // An output is a JSON object, sometimes JSON-encoded as text; anything else is kept under "value".
    private static OrderedDictionary OutputOf(JsonElement value, ApiThingService? service)
    {
        var decoded = ThingValueDecoder.Decode(value, ApiThingModel.StructOf(service?.Output ?? []));
        return decoded as OrderedDictionary ?? new OrderedDictionary(StringComparer.OrdinalIgnoreCase) { ["value"] = decoded };
    }

    private static string? Text(JsonElement element, string name) => LenientJson.String(LenientJson.Get(element, name));

    private static string? Text(JsonElement element, string name, string alternative) =>
        LenientJson.String(LenientJson.Get(element, name, alternative));
}
