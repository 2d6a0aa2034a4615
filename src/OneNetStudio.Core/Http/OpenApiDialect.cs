using System.Buffers;
using System.Collections;
using System.Collections.Specialized;
using System.Globalization;
using System.Text.Json;
using OneNetStudio.Core.Connection;
using OneNetStudio.Core.Requests;

namespace OneNetStudio.Core.Http;

/// <summary>
/// <see cref="IOneNetApi"/> for the open API at openapi.heclouds.com (product.md 2.7):
/// <c>{endpoint}/{namespace}?action=…&amp;version=1</c>, namespace <c>application</c> with <c>project_id</c> on every
/// call, <c>common</c> (the thing model) without; GET puts the parameters in the query string, POST sends them as a
/// JSON body. Request names live here, answer names in <see cref="OpenApiReader"/>.
/// </summary>
public sealed class OpenApiDialect : IOneNetApi
{
    public const string ApplicationNamespace = "application";
    public const string CommonNamespace = "common";
    public const string ApiVersion = "1";

    /// <summary>The platform's limit for one POST body.</summary>
    public const int MaxBodyBytes = 4 * 1024 * 1024;

    private readonly OneNetHttpClient _client;
    private readonly Func<object?, object?>? _unwrap;

    /// <param name="client">The session's HTTP channel.</param>
    /// <param name="projectId">
    /// The project the application calls act in. A project-group identity has its own (giving another is an error); a
    /// user identity must give one, or its application calls throw <see cref="OneNetProjectRequiredException"/>.
    /// </param>
    /// <param name="unwrapValue">Applied to every value written into a body (the module unwraps PowerShell's wrappers with it).</param>
    public OpenApiDialect(OneNetHttpClient client, string? projectId = null, Func<object?, object?>? unwrapValue = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _unwrap = unwrapValue;
        var scope = client.Options.Scope;
        projectId = string.IsNullOrWhiteSpace(projectId) ? null : projectId.Trim();
        if (scope.Kind == ScopeKind.Group)
        {
            if (projectId is not null && projectId != scope.ProjectId)
            {
                throw new ArgumentException(
                    $"The identity {scope.Username} acts in its own project {scope.ProjectId}; it cannot act in project {projectId}.", nameof(projectId));
            }
            projectId = scope.ProjectId;
        }
        ProjectId = projectId;
    }

    /// <summary>The project of the application calls; null for a user identity that named none.</summary>
    public string? ProjectId { get; }

    public IAsyncEnumerable<ApiDevice> QueryDeviceListAsync(string? productId = null, string? deviceName = null, string? groupId = null,
        CancellationToken cancellationToken = default)
    {
        var filters = Parameters().Optional("product_id", productId).Optional("group_id", groupId).Optional("device_name", deviceName);
        return Pages(OpenApiActions.QueryDeviceList, filters, OpenApiReader.Device, cancellationToken);
    }

    public IAsyncEnumerable<ApiProduct> QueryProductListAsync(CancellationToken cancellationToken = default) =>
        Pages(OpenApiActions.QueryProductList, Parameters(), OpenApiReader.Product, cancellationToken);

    public Task<ApiDeviceDetail> QueryDeviceDetailAsync(string productId, string deviceName, CancellationToken cancellationToken = default) =>
        Get(OpenApiActions.QueryDeviceDetail, () => Device(productId, deviceName), r => OpenApiReader.DeviceDetail(r.Data, productId, deviceName), cancellationToken);

    public Task<ApiDeviceStatus> QueryDeviceStatusAsync(string productId, string deviceName, CancellationToken cancellationToken = default) =>
        Get(OpenApiActions.QueryDeviceStatus, () => Device(productId, deviceName), r => OpenApiReader.DeviceStatus(r.Data), cancellationToken);

    public IAsyncEnumerable<ApiStatusChange> QueryDeviceStatusHistoryAsync(string productId, string deviceName, DateTimeOffset start, DateTimeOffset end,
        CancellationToken cancellationToken = default) =>
        Pages(OpenApiActions.QueryDeviceStatusHistory, Device(productId, deviceName).Between(start, end), OpenApiReader.StatusChange, cancellationToken);

    public Task<IReadOnlyList<ApiPropertyState>> QueryDevicePropertyAsync(string productId, string deviceName, CancellationToken cancellationToken = default) =>
        Get(OpenApiActions.QueryDeviceProperty, () => Device(productId, deviceName), r => OpenApiReader.PropertyStates(r.Data), cancellationToken);

    public Task<OrderedDictionary> QueryDevicePropertyDetailAsync(string productId, string deviceName, IReadOnlyCollection<string> identifiers,
        ApiThingModel? model = null, CancellationToken cancellationToken = default) =>
        Post(OpenApiActions.QueryDevicePropertyDetail, productId, deviceName,
            w =>
            {
                if (identifiers is not { Count: > 0 })
                {
                    throw new ArgumentException("Name at least one property to read from the device.", nameof(identifiers));
                }
                WriteStrings(w, "params", identifiers);
            },
            r => OpenApiReader.LiveValues(r.Data, model), safeToRepeat: true, cancellationToken);

    public IAsyncEnumerable<ApiPropertyValue> QueryDevicePropertyHistoryAsync(string productId, string deviceName, string identifier,
        DateTimeOffset start, DateTimeOffset end, bool descending = false, ApiDataType? dataType = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(identifier);
        var parameters = Device(productId, deviceName).Add("identifier", identifier).Between(start, end).Add("sort", descending ? "2" : "1");
        return Pages(OpenApiActions.QueryDevicePropertyHistory, parameters, item => OpenApiReader.PropertyValue(item, dataType), cancellationToken);
    }

    public IAsyncEnumerable<ApiEventValue> QueryDeviceEventHistoryAsync(string productId, string deviceName, DateTimeOffset start, DateTimeOffset end,
        string? identifier = null, ApiEventType? eventType = null, ApiThingModel? model = null, CancellationToken cancellationToken = default)
    {
        var parameters = Device(productId, deviceName).Between(start, end).Optional("identifier", identifier)
            .Optional("event_type", eventType is { } type and not ApiEventType.Unknown ? ((int)type).ToString(CultureInfo.InvariantCulture) : null);
        return Pages(OpenApiActions.QueryDeviceEventHistory, parameters, item => OpenApiReader.EventValue(item, model), cancellationToken);
    }

    // Setting the same values twice leaves the device as setting them once: safe to retry.
    public Task<ApiDeviceReply> SetDevicePropertyAsync(string productId, string deviceName, IDictionary properties, CancellationToken cancellationToken = default) =>
        Post(OpenApiActions.SetDeviceProperty, productId, deviceName, w => WriteParams(w, properties, nameof(properties)),
            OpenApiReader.DeviceReply, safeToRepeat: true, cancellationToken);

    public Task SetDeviceDesiredPropertyAsync(string productId, string deviceName, IDictionary properties, CancellationToken cancellationToken = default) =>
        Post(OpenApiActions.SetDeviceDesiredProperty, productId, deviceName, w => WriteParams(w, properties, nameof(properties)),
            _ => true, safeToRepeat: true, cancellationToken);

    public Task<IReadOnlyList<ApiDesiredValue>> QueryDeviceDesiredPropertyAsync(string productId, string deviceName,
        IReadOnlyCollection<string>? identifiers = null, ApiThingModel? model = null, CancellationToken cancellationToken = default) =>
        Post(OpenApiActions.QueryDeviceDesiredProperty, productId, deviceName,
            w =>
            {
                if (identifiers is { Count: > 0 })
                {
                    WriteStrings(w, "params", identifiers);
                }
            },
            r => OpenApiReader.DesiredValues(r.Data, model), safeToRepeat: true, cancellationToken);

    public Task DeleteDeviceDesiredPropertyAsync(string productId, string deviceName, IReadOnlyDictionary<string, long?> identifiers,
        CancellationToken cancellationToken = default) =>
        Post(OpenApiActions.DeleteDeviceDesiredProperty, productId, deviceName,
            w =>
            {
                if (identifiers is not { Count: > 0 })
                {
                    throw new ArgumentException("Name at least one desired value to clear.", nameof(identifiers));
                }
                w.WriteStartObject("params");
                foreach (var (identifier, version) in identifiers)
                {
                    w.WriteStartObject(identifier);
                    if (version is { } v)
                    {
                        w.WriteNumber("version", v);
                    }
                    w.WriteEndObject();
                }
                w.WriteEndObject();
            },
            // A versioned delete that did go through would be refused when repeated (the version is gone).
            _ => true, safeToRepeat: identifiers is null || identifiers.Values.All(v => v is null), cancellationToken);

    public Task<ApiServiceResult> CallServiceAsync(string productId, string deviceName, string identifier, IDictionary input,
        ApiThingModel? model = null, CancellationToken cancellationToken = default)
    {
        return Post(OpenApiActions.CallService, productId, deviceName,
            w =>
            {
                w.WriteString("identifier", Required(identifier, nameof(identifier)));
                // A service may take no input: it still gets "params":{}.
                WriteParams(w, input, nameof(input), mayBeEmpty: true);
            },
            r => OpenApiReader.ServiceResult(r, model?.FindService(identifier)), safeToRepeat: false, cancellationToken);
    }

    public Task<ApiServiceRecord> QueryServiceRecordAsync(string traceId, ApiThingModel? model = null, CancellationToken cancellationToken = default)
    {
        return Get(OpenApiActions.QueryServiceRecord, () => Parameters().Add("trace_id", Required(traceId, nameof(traceId))),
            r => OpenApiReader.ServiceRecord(r.Data, traceId, model), cancellationToken);
    }

    public Task<ApiThingModel> QueryThingModelAsync(string productId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(productId))
        {
            return Task.FromException<ApiThingModel>(new ArgumentException("A product id is required.", nameof(productId)));
        }
        var request = new ApiRequest
        {
            Action = OpenApiActions.QueryThingModel,
            Method = HttpMethod.Get,
            Path = CommonNamespace,
            Query = [Pair("action", OpenApiActions.QueryThingModel), Pair("version", ApiVersion), Pair("product_id", productId)],
            Envelope = OpenApiEnvelopeFormat.Instance,
        };
        return _client.SendAsync(request, r => OpenApiThingModelReader.Read(r.Data, productId), cancellationToken);
    }

    // ----- requests -----

    private static QueryParameters Parameters() => new();

    private static QueryParameters Device(string productId, string deviceName)
    {
        ArgumentException.ThrowIfNullOrEmpty(productId);
        ArgumentException.ThrowIfNullOrEmpty(deviceName);
        return new QueryParameters().Add("product_id", productId).Add("device_name", deviceName);
    }

    // Problems with the arguments or the project fault the task rather than throw, as a failed call does, so a
    // caller running many calls at once handles them all in one place.
    private Task<T> Get<T>(string action, Func<QueryParameters> parameters, Func<ApiResponse, T> read, CancellationToken cancellationToken)
    {
        ApiRequest request;
        try
        {
            request = ApplicationGet(action, parameters());
        }
        catch (Exception ex)
        {
            return Task.FromException<T>(ex);
        }
        return _client.SendAsync(request, read, cancellationToken);
    }

    private async IAsyncEnumerable<T> Pages<T>(string action, QueryParameters parameters, Func<JsonElement, T> readItem,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        RequireProject(action);
        var pages = _client.PageAsync(
            (offset, limit) => ApplicationGet(action, parameters.With("offset", offset).With("limit", limit)),
            r => OpenApiReader.Page(r.Data, readItem), cancellationToken);
        await foreach (var item in pages.ConfigureAwait(false))
        {
            yield return item;
        }
    }

    private ApiRequest ApplicationGet(string action, QueryParameters parameters)
    {
        var projectId = RequireProject(action);
        List<KeyValuePair<string, string>> query = [Pair("action", action), Pair("version", ApiVersion), Pair("project_id", projectId)];
        query.AddRange(parameters.Items);
        return new ApiRequest
        {
            Action = action,
            Method = HttpMethod.Get,
            Path = ApplicationNamespace,
            Query = query,
            Envelope = OpenApiEnvelopeFormat.Instance,
        };
    }

    private Task<T> Post<T>(string action, string productId, string deviceName, Action<Utf8JsonWriter> writeFields, Func<ApiResponse, T> read,
        bool safeToRepeat, CancellationToken cancellationToken)
    {
        ApiRequest request;
        try
        {
            ArgumentException.ThrowIfNullOrEmpty(productId);
            ArgumentException.ThrowIfNullOrEmpty(deviceName);
            var projectId = RequireProject(action);
            var body = new ArrayBufferWriter<byte>(256);
            using (var writer = new Utf8JsonWriter(body))
            {
                writer.WriteStartObject();
                writer.WriteString("project_id", projectId);
                writer.WriteString("product_id", productId);
                writer.WriteString("device_name", deviceName);
                writeFields(writer);
                writer.WriteEndObject();
            }
            if (body.WrittenCount > MaxBodyBytes)
            {
                throw new ArgumentException($"The request is {body.WrittenCount:N0} bytes; the platform accepts at most {MaxBodyBytes:N0} bytes per call.");
            }
            request = new ApiRequest
            {
                Action = action,
                Method = HttpMethod.Post,
                Path = ApplicationNamespace,
                Query = [Pair("action", action), Pair("version", ApiVersion)],
                Body = body.WrittenSpan.ToArray(),
                SafeToRepeat = safeToRepeat,
                Envelope = OpenApiEnvelopeFormat.Instance,
            };
        }
        catch (Exception ex)
        {
            return Task.FromException<T>(ex);
        }
        return _client.SendAsync(request, read, cancellationToken);
    }

    private string RequireProject(string action) =>
        ProjectId ?? throw new OneNetProjectRequiredException(action, _client.Options.Scope.Username);

    private void WriteParams(Utf8JsonWriter writer, IDictionary values, string name, bool mayBeEmpty = false)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        if (values.Count == 0 && !mayBeEmpty)
        {
            throw new ArgumentException("Give at least one identifier and value.", name);
        }
        writer.WritePropertyName("params");
        SetPayload.WriteParams(writer, values, _unwrap);
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }
        writer.WriteEndArray();
    }

    private static string Required(string value, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(value, name);
        return value;
    }

    private static KeyValuePair<string, string> Pair(string name, string value) => new(name, value);

    /// <summary>Query parameters in order; immutable, so a paged call can add its offset per page.</summary>
    private sealed class QueryParameters
    {
        private readonly List<KeyValuePair<string, string>> _items;

        public QueryParameters() => _items = [];

        private QueryParameters(List<KeyValuePair<string, string>> items) => _items = items;

        public IReadOnlyList<KeyValuePair<string, string>> Items => _items;

        public QueryParameters Add(string name, string value) => new([.. _items, Pair(name, value)]);

        public QueryParameters Optional(string name, string? value) => string.IsNullOrEmpty(value) ? this : Add(name, value);

        public QueryParameters With(string name, int value) => Add(name, value.ToString(CultureInfo.InvariantCulture));

        public QueryParameters Between(DateTimeOffset start, DateTimeOffset end)
        {
            if (end < start)
            {
                throw new ArgumentException($"The end ({end:u}) is before the start ({start:u}).");
            }
            return Add("start_time", start.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture))
                .Add("end_time", end.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        }
    }
}
