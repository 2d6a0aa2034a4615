namespace OneNetStudio.Core.Connection;

/// <summary>Work asked of a connection that is closed: by the user, or for good after a refused reconnect.</summary>
public sealed class OneNetSessionClosedException : InvalidOperationException
{
    public OneNetSessionClosedException(string username, string endpoint, string? reason)
        : base($"The session {username} @ {endpoint} is closed." + (reason is null ? "" : $" {Sentences.End(reason)}"))
    {
        Reason = reason;
    }

    /// <summary>Why it closed when the user did not close it (a refused reconnect, a lost link with reconnecting off).</summary>
    public string? Reason { get; }
}
