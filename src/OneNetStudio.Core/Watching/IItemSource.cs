namespace OneNetStudio.Core.Watching;

/// <summary>A bounded source of items that one consumer drains (the pipeline thread, through the cmdlets' pump).</summary>
public interface IItemSource
{
    /// <summary>True once nothing more will come and everything has been read.</summary>
    bool IsCompleted { get; }

    bool TryRead(out object? item);

    /// <summary>Completes true when an item may be read, false once completed.</summary>
    ValueTask<bool> WaitToReadAsync();
}
