namespace OneNetStudio.Core.Watching;

/// <summary>A bounded source of items that one consumer drains (the pipeline thread, through the cmdlets' pump).</summary>
public interface IItemSource
{
    /// <summary>True once nothing more will come and everything has been read.</summary>
    bool IsCompleted { get; }

    bool TryRead(out object? item);

    /// <summary>Notified when an item arrives or the source completes; the consumer may share it with other producers.</summary>
    WakeSignal Wake { get; }
}
