using System.Collections.Concurrent;

namespace OneNetStudio.Core.Connection;

/// <summary>
/// Collects a connection's state changes while a command runs, so the command can report them from its own (pipeline)
/// thread: the connection raises them on background threads.
/// </summary>
public sealed class StateChangeRecorder : IDisposable
{
    private readonly OneNetConnection _connection;
    private readonly ConcurrentQueue<ConnectionStateChange> _changes = new();

    public StateChangeRecorder(OneNetConnection connection)
    {
        _connection = connection;
        _connection.StateChanged += OnStateChanged;
    }

    public bool TryTake(out ConnectionStateChange? change) => _changes.TryDequeue(out change);

    public void Dispose() => _connection.StateChanged -= OnStateChanged;

    private void OnStateChanged(OneNetConnection connection, ConnectionStateChange change) => _changes.Enqueue(change);
}
