namespace OneNetStudio;

/// <summary>A payload that could not be read: the target object of the error a watch writes for it.</summary>
public sealed class MalformedMessage
{
    internal MalformedMessage(string topic, string text, string problem, DateTimeOffset receivedAt)
    {
        Topic = topic;
        Text = text;
        Problem = problem;
        ReceivedAt = receivedAt;
    }

    public string Topic { get; }

    /// <summary>The payload as text (invalid UTF-8 bytes shown as U+FFFD).</summary>
    public string Text { get; }
    public string Problem { get; }
    public DateTimeOffset ReceivedAt { get; }

    public override string ToString() => $"{Topic}: {Problem}";
}
