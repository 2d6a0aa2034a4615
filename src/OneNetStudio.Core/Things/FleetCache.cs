using System.Collections.Concurrent;
using OneNetStudio.Core.Http;

namespace OneNetStudio.Core.Things;

/// <summary>
/// What one session knows of the fleet for completion and checks: thing models (read once, through the channel's
/// cache) and products' device names (kept <see cref="DeviceListLifetime"/>). Callers say how long they may wait;
/// a read that takes longer goes on in the background and serves the next caller. A failed read is remembered for
/// <see cref="FailureLifetime"/>, so that a loop of commands does not wait for the same failure again and again.
/// </summary>
public sealed class FleetCache
{
    public static readonly TimeSpan DeviceListLifetime = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan FailureLifetime = TimeSpan.FromSeconds(30);

    /// <summary>Most device names kept per product: enough to complete from, not a copy of a million-device fleet.</summary>
    public const int MaxDeviceNames = 10_000;

    private static readonly TimeSpan DeviceListReadLimit = TimeSpan.FromSeconds(30);
    private readonly OneNetApiChannel _channel;
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, Exception Failure)> _modelFailures = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DeviceNameRead> _deviceNames = new(StringComparer.Ordinal);

    public FleetCache(OneNetApiChannel channel, TimeProvider? clock = null)
    {
        _channel = channel;
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>
    /// The product's thing model: at once when the session has it, otherwise read, waiting at most <paramref name="wait"/>.
    /// Never throws for the API's failures: they are in the result. Cancelling stops the wait, not the read.
    /// </summary>
    public async Task<ThingModelRead> ReadThingModelAsync(string productId, TimeSpan wait, CancellationToken cancellationToken = default)
    {
        if (_channel.CachedThingModel(productId) is { } cached)
        {
            return new ThingModelRead(cached, null, false);
        }
        if (_modelFailures.TryGetValue(productId, out var failed) && _clock.GetUtcNow() - failed.At < FailureLifetime)
        {
            return new ThingModelRead(null, failed.Failure, true);
        }
        try
        {
            return new ThingModelRead(await _channel.GetThingModelAsync(productId).WaitAsync(wait, _clock, cancellationToken).ConfigureAwait(false), null, false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            var failure = ex is TimeoutException ? new TimeoutException($"The platform did not send the thing model of product {productId} within {wait.TotalSeconds:0.#} s.") : ex;
            _modelFailures[productId] = (_clock.GetUtcNow(), failure);
            return new ThingModelRead(null, failure, false);
        }
    }

    /// <summary>The model when the session has it; never waits.</summary>
    public ApiThingModel? CachedThingModel(string productId) => _channel.CachedThingModel(productId);

    /// <summary>
    /// The product's device names (at most <see cref="MaxDeviceNames"/>): fresh ones, or those read within
    /// <paramref name="wait"/>, or the last ones read when a new read takes longer; null when there are none.
    /// </summary>
    public IReadOnlyList<string>? DeviceNames(string productId, TimeSpan wait)
    {
        var now = _clock.GetUtcNow();
        var started = false;
        var entry = _deviceNames.AddOrUpdate(productId,
            _ => Start(null),
            (_, current) => current.IsStale(now) ? Start(current.LastGoodNow) : current);
        // Only the caller that started a read waits for it: one still running from before serves the next caller.
        var waitForIt = started ? wait : TimeSpan.Zero;
        try
        {
            if (entry.Read.Wait(waitForIt) && entry.Read.IsCompletedSuccessfully)
            {
                return entry.Read.Result;
            }
        }
        catch (AggregateException)
        {
            // Remembered in the entry until it is stale; the last good list, if any, still serves.
        }
        return entry.LastGood;

        DeviceNameRead Start(IReadOnlyList<string>? lastGood)
        {
            started = true;
            return new DeviceNameRead(ReadDeviceNamesAsync(productId), now, lastGood);
        }
    }

    /// <summary>Forgets the product's model and device names (or every product's), so that the next use reads them again.</summary>
    public void Forget(string? productId = null)
    {
        if (productId is null)
        {
            _channel.ForgetThingModels();
            _modelFailures.Clear();
            _deviceNames.Clear();
            return;
        }
        _channel.ForgetThingModel(productId);
        _modelFailures.TryRemove(productId, out _);
        _deviceNames.TryRemove(productId, out _);
    }

    private async Task<IReadOnlyList<string>> ReadDeviceNamesAsync(string productId)
    {
        using var limit = new CancellationTokenSource(DeviceListReadLimit);
        var names = new List<string>();
        await foreach (var device in _channel.Api.QueryDeviceListAsync(productId, cancellationToken: limit.Token).ConfigureAwait(false))
        {
            names.Add(device.DeviceName);
            if (names.Count >= MaxDeviceNames)
            {
                break;
            }
        }
        return names;
    }

    private sealed record DeviceNameRead(Task<IReadOnlyList<string>> Read, DateTimeOffset Started, IReadOnlyList<string>? LastGood)
    {
        public bool IsStale(DateTimeOffset now) => Read.IsCompleted && now - Started >= (Read.IsCompletedSuccessfully ? DeviceListLifetime : FailureLifetime);

        // A read that failed keeps the list before it.
        public IReadOnlyList<string>? LastGoodNow => Read.IsCompletedSuccessfully ? Read.Result : LastGood;
    }
}
