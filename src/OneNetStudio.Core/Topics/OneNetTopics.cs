namespace OneNetStudio.Core.Topics;

/// <summary>Builds, parses and validates the platform's per-device topics. Wildcards are never produced or accepted.</summary>
public static class OneNetTopics
{
    private const string Prefix = "$sys/";

    public static string Build(string productId, string deviceName, TopicKind kind) =>
        string.Concat(Prefix, productId, "/", deviceName, Suffix(kind));

    public static string Suffix(TopicKind kind) => kind switch
    {
        TopicKind.Lifecycle => "/thing/lifecycle",
        TopicKind.Property => "/thing/property",
        TopicKind.Event => "/thing/event",
        TopicKind.PropertySet => "/thing/property/set",
        TopicKind.DesiredSet => "/thing/property/desired/set",
        TopicKind.SetReply => "/thing/property/set/reply",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>True for the topics an application may subscribe to.</summary>
    public static bool IsSubscribable(TopicKind kind) =>
        kind is TopicKind.Lifecycle or TopicKind.Property or TopicKind.Event or TopicKind.SetReply;

    /// <summary>True for the topics an application may publish to.</summary>
    public static bool IsPublishable(TopicKind kind) => kind is TopicKind.PropertySet or TopicKind.DesiredSet;

    public static bool TryParse(string? topic, out DeviceTopic parsed)
    {
        parsed = default;
        if (topic is null || !topic.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }
        var rest = topic.AsSpan(Prefix.Length);
        var firstSlash = rest.IndexOf('/');
        if (firstSlash <= 0)
        {
            return false;
        }
        var productId = rest[..firstSlash];
        rest = rest[(firstSlash + 1)..];
        var secondSlash = rest.IndexOf('/');
        if (secondSlash <= 0)
        {
            return false;
        }
        var deviceName = rest[..secondSlash];
        var suffix = rest[secondSlash..];
        if (!TryParseSuffix(suffix, out var kind) || !IsValidSegment(productId) || !IsValidSegment(deviceName))
        {
            return false;
        }
        parsed = new DeviceTopic(productId.ToString(), deviceName.ToString(), kind);
        return true;
    }

    /// <summary>Null when <paramref name="value"/> can be a topic level; otherwise why not, for an error message.</summary>
    public static string? ValidateSegment(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "it is empty";
        }
        foreach (var c in value)
        {
            switch (c)
            {
                case '/': return "it contains '/'";
                case '+': return "it contains the MQTT wildcard '+'";
                case '#': return "it contains the MQTT wildcard '#'";
                case '\0': return "it contains a NUL character";
            }
            if (char.IsControl(c) || char.IsWhiteSpace(c))
            {
                return "it contains white space or a control character";
            }
        }
        return null;
    }

    private static bool IsValidSegment(ReadOnlySpan<char> value) =>
        !value.IsEmpty && value.IndexOfAny("/+#\0") < 0;

    private static bool TryParseSuffix(ReadOnlySpan<char> suffix, out TopicKind kind)
    {
        foreach (var candidate in Kinds)
        {
            if (suffix.SequenceEqual(Suffix(candidate)))
            {
                kind = candidate;
                return true;
            }
        }
        kind = default;
        return false;
    }

    private static readonly TopicKind[] Kinds = Enum.GetValues<TopicKind>();
}
