namespace OneNetStudio.Core.Http;

/// <summary>One HTTP call as a dialect describes it; <see cref="OneNetHttpClient"/> signs, limits, sends and retries it.</summary>
internal sealed record ApiRequest
{
    /// <summary>The operation's name for messages and errors (<c>QueryDeviceList</c>).</summary>
    public required string Action { get; init; }
    public required HttpMethod Method { get; init; }

    /// <summary>Relative to the endpoint (<c>application</c>, <c>device/list</c>).</summary>
    public required string Path { get; init; }
    public IReadOnlyList<KeyValuePair<string, string>> Query { get; init; } = [];

    /// <summary>A JSON body (UTF-8), sent as <c>application/json</c>.</summary>
    public byte[]? Body { get; init; }

    /// <summary>
    /// Whether sending it twice does no harm. A call that is not (a service call) is retried only when it surely did
    /// not reach the platform (no connection, HTTP 429 or 503), never after a timeout or another 5xx.
    /// </summary>
    public bool SafeToRepeat { get; init; } = true;

    public required ApiEnvelopeFormat Envelope { get; init; }
}
