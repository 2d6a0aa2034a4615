using System.Buffers;
using System.Text;
using System.Text.Json;
using OneNetStudio.Simulator.Engine;
using OneNetStudio.Simulator.Messages;
using OneNetStudio.Simulator.Things;

namespace OneNetStudio.Simulator.Api;

using ServiceCallType = OneNetStudio.Simulator.Things.ServiceCallType;
using ThingEventType = OneNetStudio.Simulator.Things.ThingEventType;

/// <summary>
/// Device services: CallService, synchronous or asynchronous as the thing model's <c>callType</c> says, answered by
/// the simulated device; QueryServiceRecord, the outcome of a call by its trace id (the call's requestId).
/// </summary>
internal sealed class ServiceActions(ApiContext context)
{
    private const string Failure = "callTmService";

    public IEnumerable<ApiRoute> Routes =>
    [
        new("application", "CallService", "POST", CallService),
        new("application", "QueryServiceRecord", "GET", QueryServiceRecord),
    ];

    private async Task<Action<Utf8JsonWriter>?> CallService(ApiRequest request, CancellationToken cancellationToken)
    {
        var device = context.RequireDevice(request);
        var identifier = request.Require("identifier");
        var service = device.Model.FindService(identifier)
            ?? throw ApiFailure.InvalidParameter($"identifier not exist: '{identifier}' is no service of the thing model (309)");
        var input = ReadInput(service, ApiParams.Object(request, allowEmpty: true));
        if (!device.Online)
        {
            throw new ApiFailure(Failure, SetOutcome.DeviceNotOnline().Message!);
        }
        var record = new ServiceCallRecord(request.RequestId, device, service, context.Server.NowMs(), RequestBody(context.Server.NextMessageId(), service, input));
        context.ServiceCalls.Add(record);
        if (service.CallType == ServiceCallType.Asynchronous)
        {
            // Answered at once; the device's answer (or its silence) ends up in the record.
            _ = Task.Run(() => RunAsync(record, input, context.Server.Lifetime), CancellationToken.None);
            return null;
        }
        var output = await RunAsync(record, input, cancellationToken).ConfigureAwait(false)
            ?? throw new ApiFailure(Failure, SetOutcome.Timeout().Message!);
        return writer => WriteObject(writer, output);
    }

    private Task<Action<Utf8JsonWriter>?> QueryServiceRecord(ApiRequest request, CancellationToken cancellationToken)
    {
        context.RequireProject(request);
        var traceId = request.Require("trace_id");
        var record = context.ServiceCalls.Find(traceId) ?? throw ApiFailure.InvalidParameter($"no service call has trace_id '{traceId}'");
        if (!ApiContext.CanSee(request.Principal, record.Device))
        {
            throw ApiFailure.ResourcePermissionDeny($"device {record.Device} is not in project group {request.Principal.Scope.GroupId}");
        }
        return ApiData.Object(writer =>
        {
            writer.WriteString("request_time", ApiJson.MsText(record.RequestTimeMs));
            writer.WriteString("function_name", record.Service.Name);
            writer.WriteString("identifier", record.Service.Identifier);
            writer.WriteNumber("type", record.Service.CallType == ServiceCallType.Synchronous ? 0 : 1);
            writer.WriteString("request_body", record.RequestBody);
            writer.WriteString("response_time", ApiJson.MsText(record.ResponseTimeMs));
            writer.WriteString("response_body", record.ResponseBody);
            writer.WriteNumber("code", record.Code);
            writer.WriteString("msg", record.Message);
        });
    }

    /// <summary>Has the device run the service; null (and the record says 306) when it never answers.</summary>
    private async Task<IReadOnlyDictionary<string, object?>?> RunAsync(ServiceCallRecord record, IReadOnlyDictionary<string, object?> input, CancellationToken cancellationToken)
    {
        try
        {
            if (!await context.Server.DeviceAnswersAsync(record.Device, cancellationToken).ConfigureAwait(false))
            {
                context.ServiceCalls.Update(record.TraceId, r => r with { Code = ServiceCallRecord.TimedOut, Message = SetOutcome.Timeout().Message!, ResponseTimeMs = context.Server.NowMs() });
                return null;
            }
            var output = await DeviceServices.RunAsync(context.Server, record.Device, record.Service, input).ConfigureAwait(false);
            context.ServiceCalls.Update(record.TraceId, r => r with
            {
                Code = ServiceCallRecord.Done,
                Message = "success",
                ResponseTimeMs = context.Server.NowMs(),
                ResponseBody = Json(writer => WriteObject(writer, output)),
            });
            return output;
        }
        catch (OperationCanceledException) when (record.Service.CallType == ServiceCallType.Asynchronous)
        {
            return null; // the simulator is shutting down
        }
    }

    private static IReadOnlyDictionary<string, object?> ReadInput(ServiceDefinition service, IReadOnlyDictionary<string, JsonElement> parameters)
    {
        if (parameters.Keys.FirstOrDefault(k => service.Inputs.All(i => i.Identifier != k)) is { } unknown)
        {
            throw ApiFailure.InvalidParameter($"identifier not exist: service '{service.Identifier}' has no input '{unknown}' (309)");
        }
        var input = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var field in service.Inputs)
        {
            if (!parameters.TryGetValue(field.Identifier, out var json))
            {
                throw ApiFailure.InvalidParameter($"service '{service.Identifier}' needs its input '{field.Identifier}'");
            }
            if (!field.Type.TryConvert(json, field.Identifier, out var value, out var problem))
            {
                throw ApiFailure.InvalidParameter(SetOutcome.DataTypeError(problem).Message!);
            }
            input[field.Identifier] = value;
        }
        return input;
    }

    // What the platform sends the device (OneJSON service invoke), kept as text in the record.
    private static string RequestBody(string id, ServiceDefinition service, IReadOnlyDictionary<string, object?> input) => Json(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("id", id);
        writer.WriteString("version", "1.0");
        writer.WriteStartObject("params");
        writer.WriteString("identifier", service.Identifier);
        writer.WritePropertyName("input");
        WriteObject(writer, input);
        writer.WriteEndObject();
        writer.WriteEndObject();
    });

    private static void WriteObject(Utf8JsonWriter writer, IReadOnlyDictionary<string, object?> values)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in values)
        {
            writer.WritePropertyName(name);
            ApiJson.WriteValue(writer, value);
        }
        writer.WriteEndObject();
    }

    private static string Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
