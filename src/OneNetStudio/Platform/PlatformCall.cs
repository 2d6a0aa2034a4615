using System.Management.Automation;
using OneNetStudio.Pipeline;

namespace OneNetStudio.Platform;

/// <summary>What one background call of a platform cmdlet may do: post output and records for the pipeline thread, and see Ctrl+C.</summary>
internal sealed class PlatformCall(PipelinePump pump, CancellationToken cancellation)
{
    public CancellationToken Cancellation { get; } = cancellation;

    public void Output(object value) => pump.Post(PipelineStream.Output, value);

    public void Error(ErrorRecord error) => pump.Post(PipelineStream.Error, error);

    public void Warning(string text) => pump.Post(PipelineStream.Warning, text);

    public void Verbose(string text) => pump.Post(PipelineStream.Verbose, text);
}
