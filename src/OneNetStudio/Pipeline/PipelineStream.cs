namespace OneNetStudio.Pipeline;

/// <summary>Where a posted write goes on the pipeline thread.</summary>
internal enum PipelineStream
{
    /// <summary>Handed to the draining command, which decides what to write (a reply, a message, its bookkeeping).</summary>
    Item,
    Output,
    Error,
    Warning,
    Verbose,
}
