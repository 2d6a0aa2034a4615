using OneNetStudio.Core.Connection;

namespace OneNetStudio.Core.Requests;

/// <summary>
/// Subscribes set-reply topics in batches: while one SUBSCRIBE is on its way, the topics asked for meanwhile gather
/// into the next one. A fleet of new devices then costs one SUBSCRIBE per 200 devices instead of one per device.
/// </summary>
internal sealed class ReplySubscriber(OneNetConnection connection, IMessageListener listener)
{
    private readonly object _gate = new();
    private List<(string Topic, TaskCompletionSource<bool> Granted)> _waiting = [];
    private bool _sending;

    /// <summary>True when the broker granted <paramref name="topic"/>; faults when the SUBSCRIBE itself failed.</summary>
    public Task<bool> SubscribeAsync(string topic)
    {
        var granted = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        bool start;
        lock (_gate)
        {
            _waiting.Add((topic, granted));
            start = !_sending;
            _sending = true;
        }
        if (start)
        {
            _ = Task.Run(SendAllAsync);
        }
        return granted.Task;
    }

    private async Task SendAllAsync()
    {
        while (true)
        {
            List<(string Topic, TaskCompletionSource<bool> Granted)> batch;
            lock (_gate)
            {
                if (_waiting.Count == 0)
                {
                    _sending = false;
                    return;
                }
                (batch, _waiting) = (_waiting, []);
            }
            try
            {
                var result = await connection.SubscribeAsync(listener, batch.Select(b => b.Topic).ToList(), CancellationToken.None).ConfigureAwait(false);
                var granted = result.Granted.ToHashSet(StringComparer.Ordinal);
                foreach (var (topic, source) in batch)
                {
                    source.TrySetResult(granted.Contains(topic));
                }
            }
            catch (Exception ex)
            {
                foreach (var (_, source) in batch)
                {
                    source.TrySetException(ex);
                }
            }
        }
    }
}
