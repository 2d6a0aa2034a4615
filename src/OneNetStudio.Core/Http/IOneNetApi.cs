using System.Collections;
using System.Collections.Specialized;

namespace OneNetStudio.Core.Http;

/// <summary>
/// The platform's HTTP application API as typed operations (product.md 2.7). Callers see only these operations and the
/// <c>Api*</c> records; action names, field names, paths and envelopes belong to the dialect that implements it
/// (<see cref="OpenApiDialect"/> for openapi.heclouds.com; the newer path-style API would be a second implementation).
/// Lists are streamed: each page is fetched when the caller has taken the one before. Failures are
/// <see cref="OneNetApiException"/>; an application call without a project is <see cref="OneNetProjectRequiredException"/>.
/// Values come out typed by their data type; where the API does not send the type, pass the thing model
/// (<see cref="QueryThingModelAsync"/>) and they are typed by it, otherwise they keep their JSON types.
/// </summary>
public interface IOneNetApi
{
    /// <summary>The project's devices, every page; optionally only one product's, one group's, or names matching <paramref name="deviceName"/>.</summary>
    IAsyncEnumerable<ApiDevice> QueryDeviceListAsync(string? productId = null, string? deviceName = null, string? groupId = null,
        CancellationToken cancellationToken = default);

    /// <summary>The project's products, every page.</summary>
    IAsyncEnumerable<ApiProduct> QueryProductListAsync(CancellationToken cancellationToken = default);

    /// <summary>One device's record (never its key).</summary>
    Task<ApiDeviceDetail> QueryDeviceDetailAsync(string productId, string deviceName, CancellationToken cancellationToken = default);

    Task<ApiDeviceStatus> QueryDeviceStatusAsync(string productId, string deviceName, CancellationToken cancellationToken = default);

    /// <summary>The device's online/offline changes between <paramref name="start"/> and <paramref name="end"/>, every page.</summary>
    IAsyncEnumerable<ApiStatusChange> QueryDeviceStatusHistoryAsync(string productId, string deviceName, DateTimeOffset start, DateTimeOffset end,
        CancellationToken cancellationToken = default);

    /// <summary>Every property's latest value and desired value, typed by the data type the platform sends with it.</summary>
    Task<IReadOnlyList<ApiPropertyState>> QueryDevicePropertyAsync(string productId, string deviceName, CancellationToken cancellationToken = default);

    /// <summary>Reads properties from the device now (it must be online and answer); identifier → value.</summary>
    Task<OrderedDictionary> QueryDevicePropertyDetailAsync(string productId, string deviceName, IReadOnlyCollection<string> identifiers,
        ApiThingModel? model = null, CancellationToken cancellationToken = default);

    /// <summary>One property's history, every page, oldest first unless <paramref name="descending"/>.</summary>
    IAsyncEnumerable<ApiPropertyValue> QueryDevicePropertyHistoryAsync(string productId, string deviceName, string identifier,
        DateTimeOffset start, DateTimeOffset end, bool descending = false, ApiDataType? dataType = null, CancellationToken cancellationToken = default);

    /// <summary>The device's events, every page; optionally one event or one type of event.</summary>
    IAsyncEnumerable<ApiEventValue> QueryDeviceEventHistoryAsync(string productId, string deviceName, DateTimeOffset start, DateTimeOffset end,
        string? identifier = null, ApiEventType? eventType = null, ApiThingModel? model = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets properties and waits for the device's answer. Values keep their JSON types (numbers, strings, booleans,
    /// dictionaries, lists). A device's refusal is in the reply, not an exception.
    /// </summary>
    Task<ApiDeviceReply> SetDevicePropertyAsync(string productId, string deviceName, IDictionary properties, CancellationToken cancellationToken = default);

    /// <summary>Stores desired values for the device to fetch.</summary>
    Task SetDeviceDesiredPropertyAsync(string productId, string deviceName, IDictionary properties, CancellationToken cancellationToken = default);

    /// <summary>The stored desired values with their versions; all of them when <paramref name="identifiers"/> is null or empty.</summary>
    Task<IReadOnlyList<ApiDesiredValue>> QueryDeviceDesiredPropertyAsync(string productId, string deviceName, IReadOnlyCollection<string>? identifiers = null,
        ApiThingModel? model = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Clears desired values: identifier → version. With a version, the platform clears the value only while that
    /// is its current version; null clears whatever is stored.
    /// </summary>
    Task DeleteDeviceDesiredPropertyAsync(string productId, string deviceName, IReadOnlyDictionary<string, long?> identifiers,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Calls a device service. A synchronous service answers with its output; an asynchronous one with none, and its
    /// outcome is read with <see cref="QueryServiceRecordAsync"/> under the result's request id. Never retried once it
    /// may have reached the platform, so a device never runs it twice.
    /// </summary>
    Task<ApiServiceResult> CallServiceAsync(string productId, string deviceName, string identifier, IDictionary input,
        ApiThingModel? model = null, CancellationToken cancellationToken = default);

    /// <summary>The record of a service call, by the call's request id.</summary>
    Task<ApiServiceRecord> QueryServiceRecordAsync(string traceId, ApiThingModel? model = null, CancellationToken cancellationToken = default);

    /// <summary>The product's thing model.</summary>
    Task<ApiThingModel> QueryThingModelAsync(string productId, CancellationToken cancellationToken = default);
}
