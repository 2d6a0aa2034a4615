using System.Collections.Specialized;
using OneNetStudio.Core.Http;

namespace OneNetStudio.Platform;

/// <summary>The HTTP API's records (Core) as the module's output types (Model): the user's vocabulary, not the platform's.</summary>
internal static class PlatformOutput
{
    public static OneNetDevice Device(ApiDevice device, ApiDeviceDetail? detail = null) => new()
    {
        ProductId = device.ProductId,
        ProductName = device.ProductName ?? detail?.ProductName,
        DeviceName = device.DeviceName,
        Status = Status(detail?.Status ?? device.Status),
        NodeType = NodeType(detail?.NodeType is { } node && node != ApiNodeType.Unknown ? node : device.NodeType),
        CreatedTime = device.CreatedTime ?? detail?.CreatedTime,
        LastTime = detail?.LastTime ?? device.LastTime,
        HasDetail = detail is not null,
        Description = detail?.Description,
        Protocol = detail?.Protocol,
        Imei = detail?.Imei,
        Imsi = detail?.Imsi,
        Ip = detail?.Ip,
        ActiveTime = detail?.ActiveTime,
    };

    public static OneNetProduct Product(ApiProduct product) => new()
    {
        ProductId = product.ProductId,
        Name = product.Name,
        Description = product.Description,
        Type = product.Type,
        Protocol = product.Protocol,
        NodeType = NodeType(product.NodeType),
        DataType = product.DataType,
        Network = product.Network,
        DeviceCount = product.DeviceCount,
    };

    public static OneNetThingModel ThingModel(ApiThingModel model) => new()
    {
        ProductId = model.ProductId,
        Properties = model.Properties.Select(p => new OneNetThingProperty
        {
            ProductId = model.ProductId,
            Name = p.Identifier,
            DisplayName = p.Name,
            Description = p.Description,
            AccessMode = AccessMode(p.AccessMode),
            DataType = DataType(p.DataType),
        }).ToArray(),
        Events = model.Events.Select(e => new OneNetThingEvent
        {
            ProductId = model.ProductId,
            Name = e.Identifier,
            DisplayName = e.Name,
            Description = e.Description,
            EventType = EventType(e.EventType),
            Output = Parameters(e.Output),
        }).ToArray(),
        Services = model.Services.Select(s => new OneNetThingService
        {
            ProductId = model.ProductId,
            Name = s.Identifier,
            DisplayName = s.Name,
            Description = s.Description,
            CallType = CallType(s.CallType),
            Input = Parameters(s.Input),
            Output = Parameters(s.Output),
        }).ToArray(),
    };

    public static OneNetDataType DataType(ApiDataType type) => new()
    {
        Type = type.TypeName,
        Min = type.Min,
        Max = type.Max,
        Step = type.Step,
        Unit = type.Unit,
        Length = type.Length,
        Size = type.Size,
        Values = type.Values is null ? null : Names(type.Values),
        Fields = type.Fields is null ? null : Parameters(type.Fields),
        Item = type.Item is null ? null : DataType(type.Item),
    };

    public static OneNetPropertyState PropertyState(string productId, string deviceName, ApiPropertyState state) => new()
    {
        ProductId = productId,
        DeviceName = deviceName,
        Name = state.Identifier,
        Value = state.Value,
        Time = state.Time,
        DesiredValue = state.DesiredValue,
        DataType = state.DataType.TypeName,
        AccessMode = AccessMode(state.AccessMode),
        DisplayName = state.Name,
        Description = state.Description,
    };

    /// <summary>
    /// A value read from the device now (-Live); what the thing model says of it, when it knows the property. A property
    /// the device did not answer with has no <paramref name="readAt"/>.
    /// </summary>
    public static OneNetPropertyState LiveProperty(string productId, string deviceName, string identifier, object? value, DateTimeOffset? readAt,
        ApiThingModel? model) => new()
    {
        ProductId = productId,
        DeviceName = deviceName,
        Name = identifier,
        Value = value,
        Time = readAt,
        DataType = model?.FindProperty(identifier)?.DataType.TypeName,
        AccessMode = AccessMode(model?.FindProperty(identifier)?.AccessMode ?? ApiAccessMode.Unknown),
        DisplayName = model?.FindProperty(identifier)?.Name,
        Description = model?.FindProperty(identifier)?.Description,
        Live = true,
    };

    public static OneNetPropertyValue PropertyValue(string productId, string deviceName, string identifier, ApiPropertyValue row) =>
        new(productId, deviceName, identifier, row.Value, row.Time);

    public static OneNetEventValue EventValue(string productId, string deviceName, ApiEventValue row) =>
        new(productId, deviceName, row.Identifier, row.Value, row.Time, row.Name, EventType(row.EventType));

    public static OneNetDesiredValue DesiredValue(string productId, string deviceName, ApiDesiredValue value) => new()
    {
        ProductId = productId,
        DeviceName = deviceName,
        Name = value.Identifier,
        Value = value.Value,
        Version = value.Version,
    };

    /// <summary>The platform's answer to a call: a synchronous service's output, or Pending for an asynchronous one.</summary>
    public static OneNetServiceResult ServiceCalled(string productId, string deviceName, string identifier, ApiThingService? service,
        ApiServiceResult result, TimeSpan elapsed)
    {
        var pending = !result.HasOutput && service?.CallType == ApiServiceCallType.Async;
        return new OneNetServiceResult
        {
            RequestId = result.RequestId,
            ProductId = productId,
            DeviceName = deviceName,
            Name = identifier,
            Status = pending ? ServiceStatus.Pending : ServiceStatus.Succeeded,
            CallType = CallType(service?.CallType ?? ApiServiceCallType.Unknown),
            Output = result.Output,
            Elapsed = elapsed,
        };
    }

    /// <summary>A call the platform refused or could not carry out: output too, so a batch's table shows every device.</summary>
    public static OneNetServiceResult ServiceFailed(string productId, string deviceName, string identifier, ApiThingService? service,
        OneNetApiException failure, TimeSpan elapsed) => new()
    {
        RequestId = failure.RequestId,
        ProductId = productId,
        DeviceName = deviceName,
        Name = identifier,
        Status = ServiceStatus.Failed,
        CallType = CallType(service?.CallType ?? ApiServiceCallType.Unknown),
        Code = failure.Code ?? failure.Kind.ToString(),
        Message = failure.PlatformMessage ?? failure.Message,
        Elapsed = elapsed,
    };

    /// <summary>A service record, read by its trace id; device and service as the caller knew them.</summary>
    public static OneNetServiceResult ServiceRecord(ApiServiceRecord record, string? productId, string? deviceName) => new()
    {
        RequestId = record.TraceId,
        ProductId = productId ?? "",
        DeviceName = deviceName ?? "",
        Name = record.Identifier ?? record.FunctionName ?? "",
        Status = record.State switch
        {
            ApiServiceRecordState.Succeeded => ServiceStatus.Succeeded,
            ApiServiceRecordState.Failed => ServiceStatus.Failed,
            _ => ServiceStatus.Pending,
        },
        CallType = CallType(record.CallType),
        // A call not answered yet has an empty response body, which is no output (not an output of one null value).
        Output = string.IsNullOrEmpty(record.ResponseBody) ? null : record.Output,
        Code = record.Code?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Message = record.Message,
        RequestTime = record.RequestTime,
        ResponseTime = record.ResponseTime,
        Elapsed = record.ResponseTime - record.RequestTime,
    };

    public static DeviceStatus? Status(ApiDeviceStatus status) => status switch
    {
        ApiDeviceStatus.Online => DeviceStatus.Online,
        ApiDeviceStatus.Offline => DeviceStatus.Offline,
        ApiDeviceStatus.Inactive => DeviceStatus.Inactive,
        _ => null,
    };

    public static ApiDeviceStatus Status(DeviceStatus status) => status switch
    {
        DeviceStatus.Online => ApiDeviceStatus.Online,
        DeviceStatus.Offline => ApiDeviceStatus.Offline,
        _ => ApiDeviceStatus.Inactive,
    };

    public static ApiEventType EventType(ThingEventType type) => (ApiEventType)(int)type;

    private static ThingEventType EventType(ApiEventType type) => type switch
    {
        ApiEventType.Info => ThingEventType.Info,
        ApiEventType.Alert => ThingEventType.Alert,
        ApiEventType.Fault => ThingEventType.Fault,
        _ => ThingEventType.Unknown,
    };

    private static NodeType NodeType(ApiNodeType type) => type switch
    {
        ApiNodeType.Direct => OneNetStudio.NodeType.Direct,
        ApiNodeType.Gateway => OneNetStudio.NodeType.Gateway,
        ApiNodeType.SubDevice => OneNetStudio.NodeType.SubDevice,
        _ => OneNetStudio.NodeType.Unknown,
    };

    private static AccessMode AccessMode(ApiAccessMode mode) => mode switch
    {
        ApiAccessMode.ReadOnly => OneNetStudio.AccessMode.ReadOnly,
        ApiAccessMode.ReadWrite => OneNetStudio.AccessMode.ReadWrite,
        ApiAccessMode.WriteOnly => OneNetStudio.AccessMode.WriteOnly,
        _ => OneNetStudio.AccessMode.Unknown,
    };

    private static ServiceCallType CallType(ApiServiceCallType type) => type switch
    {
        ApiServiceCallType.Sync => ServiceCallType.Sync,
        ApiServiceCallType.Async => ServiceCallType.Async,
        _ => ServiceCallType.Unknown,
    };

    private static OneNetThingParameter[] Parameters(IReadOnlyList<ApiThingParameter> parameters) =>
        parameters.Select(p => new OneNetThingParameter { Name = p.Identifier, DisplayName = p.Name, DataType = DataType(p.DataType) }).ToArray();

    private static OrderedDictionary Names(IReadOnlyDictionary<long, string> values)
    {
        var names = new OrderedDictionary();
        foreach (var (value, name) in values.OrderBy(v => v.Key))
        {
            names[value] = name;
        }
        return names;
    }
}
