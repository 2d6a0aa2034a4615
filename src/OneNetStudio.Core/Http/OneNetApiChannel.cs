using System.Collections.Concurrent;

namespace OneNetStudio.Core.Http;

/// <summary>
/// A session's HTTP channel: one client (one rate limiter, one token source) behind the dialect, and the thing models
/// it has read, so that a batch over a thousand devices of one product reads its model once.
/// </summary>
public sealed class OneNetApiChannel : IAsyncDisposable
{
    private readonly OneNetHttpClient _client;
    private readonly ConcurrentDictionary<string, Lazy<Task<ApiThingModel>>> _models = new(StringComparer.Ordinal);

    /// <param name="options">The channel's options; the key is not owned.</param>
    /// <param name="projectId">See <see cref="OpenApiDialect(OneNetHttpClient, string?, Func{object?, object?}?)"/>.</param>
    /// <param name="unwrapValue">Applied to every value written into a request body.</param>
    public OneNetApiChannel(OneNetHttpOptions options, string? projectId = null, Func<object?, object?>? unwrapValue = null)
    {
        _client = new OneNetHttpClient(options);
        try
        {
            var dialect = new OpenApiDialect(_client, projectId, unwrapValue);
            Api = dialect;
            ProjectId = dialect.ProjectId;
        }
        catch
        {
            _client.Dispose();
            throw;
        }
    }

    public IOneNetApi Api { get; }

    /// <summary>The project the application calls act in; null for a user identity that named none.</summary>
    public string? ProjectId { get; }

    public Uri Endpoint => _client.Options.Endpoint;

    /// <summary>Calls sent so far, retries included.</summary>
    public long RequestsSent => _client.RequestsSent;

    public long Retries => _client.Retries;

    /// <summary>
    /// The product's thing model, read once per channel. A failed read is not kept, so the next call tries again;
    /// a cancelled caller does not cancel the read for others waiting on it.
    /// </summary>
    public Task<ApiThingModel> GetThingModelAsync(string productId, CancellationToken cancellationToken = default)
    {
        var entry = _models.GetOrAdd(productId, id => new Lazy<Task<ApiThingModel>>(() => ReadModelAsync(id)));
        return entry.Value.WaitAsync(cancellationToken);
    }

    /// <summary>The models read so far (for completion and checks that must not touch the network).</summary>
    public ApiThingModel? CachedThingModel(string productId) =>
        _models.TryGetValue(productId, out var entry) && entry.IsValueCreated && entry.Value.IsCompletedSuccessfully ? entry.Value.Result : null;

    /// <summary>Forgets the cached models, so the next use reads them again (after a product's model changed).</summary>
    public void ForgetThingModels() => _models.Clear();

    /// <summary>Forgets one product's cached model.</summary>
    public void ForgetThingModel(string productId) => _models.TryRemove(productId, out _);

    public ValueTask DisposeAsync() => _client.DisposeAsync();

    private async Task<ApiThingModel> ReadModelAsync(string productId)
    {
        try
        {
            return await Api.QueryThingModelAsync(productId).ConfigureAwait(false);
        }
        catch
        {
            _models.TryRemove(productId, out _);
            throw;
        }
    }
}
