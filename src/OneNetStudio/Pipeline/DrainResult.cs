namespace OneNetStudio.Pipeline;

internal enum DrainResult
{
    /// <summary>An item was handed to the command.</summary>
    Item,

    /// <summary>Nothing came within the wait (records may have been written).</summary>
    Idle,

    /// <summary>Nothing more will come: the source is completed and empty (or, without a source, the pump is).</summary>
    Completed,
}
