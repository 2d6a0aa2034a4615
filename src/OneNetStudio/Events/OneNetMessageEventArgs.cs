namespace OneNetStudio;

/// <summary>What Register-OneNetEvent's events carry: $Event.SourceEventArgs (or $EventArgs in an -Action).</summary>
public sealed class OneNetMessageEventArgs(object message, OneNetSession session) : EventArgs
{
    /// <summary>The typed message (OneNetPropertyMessage, ...), or a MalformedMessage for a payload that did not parse.</summary>
    public object Message { get; } = message;
    public OneNetSession Session { get; } = session;
}
