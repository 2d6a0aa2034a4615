namespace OneNetStudio.Pipeline;

/// <summary>One write that a background source asks the pipeline thread to make.</summary>
internal readonly record struct PipelineWrite(PipelineStream Stream, object Value);
