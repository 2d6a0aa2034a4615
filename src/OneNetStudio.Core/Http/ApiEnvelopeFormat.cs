using System.Text.Json;

namespace OneNetStudio.Core.Http;

/// <summary>How a dialect wraps its answers; a second dialect brings its own.</summary>
internal abstract class ApiEnvelopeFormat
{
    /// <summary>False when <paramref name="root"/> is not an envelope of this format at all.</summary>
    public abstract bool TryRead(JsonElement root, out ApiEnvelope envelope);
}
