using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using OneNetStudio.Core.Topics;

namespace OneNetStudio.Core.Messages;

/// <summary>
/// Reads the platform's JSON (product.md 2.4) into typed messages. Never throws on bad input: a payload that is not
/// UTF-8, not JSON, or not of the documented shape becomes a <see cref="MalformedMessage"/>.
/// One forward pass of a <see cref="Utf8JsonReader"/> over the payload, straight into the message and its values;
/// topics are parsed once each (<see cref="DeviceTopicCache"/>) and repeated names are not allocated again. As in a
/// JSON document, the last of duplicate keys wins.
/// </summary>
public static class MessageParser
{
    private static readonly DeviceTopicCache Topics = new(capacity: 100_000);
    private static readonly Utf8NameCache Names = new(slots: 1024);

    [ThreadStatic]
    private static List<(string Name, object? Value, DateTimeOffset? Time)>? t_values;

    public static bool TryParse(string topic, ReadOnlySequence<byte> payload, DateTimeOffset receivedAt, out OneNetMessage? message, out MalformedMessage? malformed) =>
        TryParse(Topics.TryGet(topic, out var known) ? known : null, topic, payload, receivedAt, out message, out malformed);

    /// <summary>
    /// A set's reply, with its topic parsed but not kept: a fleet set hears from each device once, so keeping its topic
    /// in the process-wide cache would only hold memory for the process's life. False for anything else.
    /// </summary>
    public static bool TryParseSetReply(string topic, ReadOnlySequence<byte> payload, DateTimeOffset receivedAt, [NotNullWhen(true)] out OneNetSetReply? reply)
    {
        var known = OneNetTopics.TryParse(topic, out var parsed) && parsed.Kind == TopicKind.SetReply ? new KnownTopic(parsed) : null;
        reply = TryParse(known, topic, payload, receivedAt, out var message, out _) ? message as OneNetSetReply : null;
        return reply is not null;
    }

    /// <summary>Whether <paramref name="topic"/> is among the topics kept parsed.</summary>
    internal static bool IsTopicKept(string topic) => Topics.Contains(topic);

    private static bool TryParse(KnownTopic? known, string topic, ReadOnlySequence<byte> payload, DateTimeOffset receivedAt, out OneNetMessage? message, out MalformedMessage? malformed)
    {
        message = null;
        malformed = null;
        // One copy of the bytes (MQTTnet reuses its buffer), parsed in place; the text is decoded only if someone asks for .Json.
        var bytes = payload.ToArray();
        string? problem;
        if (known is null || !OneNetTopics.IsSubscribable(known.Kind))
        {
            problem = "the topic is not a OneNET device topic";
        }
        // System.Text.Json checks UTF-8 inside strings only when a string is read: check it all up front (vectorised).
        else if (!Utf8.IsValid(bytes))
        {
            problem = "the payload is not valid UTF-8";
        }
        else
        {
            try
            {
                message = Read(bytes, topic, known, receivedAt, out problem);
            }
            catch (JsonException ex)
            {
                problem = $"the payload is not JSON: {ex.Message}";
            }
            catch (Exception ex) when (ex is InvalidOperationException or FormatException)
            {
                // A value the reader parsed but cannot convert (a number out of range, a lone surrogate escape).
                problem = $"a value cannot be read: {ex.Message}";
            }
        }
        if (message is null)
        {
            malformed = new MalformedMessage(topic, Encoding.UTF8.GetString(bytes), problem!, receivedAt);
            return false;
        }
        return true;
    }

    private static OneNetMessage? Read(byte[] bytes, string topic, KnownTopic known, DateTimeOffset receivedAt, out string? problem)
    {
        var reader = new Utf8JsonReader(bytes);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            var kind = reader.TokenType.ToString().Replace("Start", "").ToLowerInvariant();
            reader.Skip();
            while (reader.Read())
            {
                // trailing content is a JSON error, as it was for the whole document
            }
            problem = $"the payload is a JSON {kind}, not an object";
            return null;
        }
        var fields = new MessageFields { Values = t_values ??= [] };
        fields.Values.Clear();
        try
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                ReadField(ref reader, bytes, known, ref fields);
            }
            while (reader.Read())
            {
                // trailing content after the object throws
            }
            var json = RawJson.FromUtf8(bytes);
            var productId = fields.ProductId ?? known.ProductId;
            var deviceName = fields.DeviceName ?? known.DeviceName;
            return known.Kind switch
            {
                TopicKind.Lifecycle => Lifecycle(in fields, productId, deviceName, topic, receivedAt, json, out problem),
                TopicKind.Property => Property(in fields, productId, deviceName, topic, receivedAt, json, out problem),
                TopicKind.Event => Event(in fields, productId, deviceName, topic, receivedAt, json, out problem),
                _ => Reply(in fields, productId, deviceName, topic, receivedAt, json, out problem),
            };
        }
        finally
        {
            fields.Values.Clear(); // the values' objects must not outlive the message in a thread's scratch list
        }
    }

    private static void ReadField(ref Utf8JsonReader reader, byte[] bytes, KnownTopic known, ref MessageFields fields)
    {
        if (reader.ValueTextEquals("productId"u8))
        {
            reader.Read();
            fields.ProductId = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(known.ProductIdUtf8) ? known.ProductId : JsonReaderValues.StringOrNull(ref reader);
        }
        else if (reader.ValueTextEquals("deviceName"u8))
        {
            reader.Read();
            fields.DeviceName = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(known.DeviceNameUtf8) ? known.DeviceName : JsonReaderValues.StringOrNull(ref reader);
        }
        else if (reader.ValueTextEquals("data"u8))
        {
            reader.Read();
            ReadData(ref reader, bytes, known.Kind, ref fields);
        }
        else if (known.Kind == TopicKind.Lifecycle && reader.ValueTextEquals("messageType"u8))
        {
            reader.Read();
            fields.MessageType = JsonReaderValues.StringOrNull(ref reader);
        }
        else if (known.Kind is TopicKind.Property or TopicKind.Event && reader.ValueTextEquals("notifyType"u8))
        {
            reader.Read();
            var expected = known.Kind == TopicKind.Property ? "property"u8 : "event"u8;
            fields.UnexpectedNotifyType = reader.TokenType == JsonTokenType.String && !reader.ValueTextEquals(expected)
                && reader.GetString() is { } actual && !actual.Equals(Encoding.UTF8.GetString(expected), StringComparison.OrdinalIgnoreCase)
                ? actual : null;
            reader.Skip();
        }
        else if (known.Kind == TopicKind.SetReply)
        {
            ReadReplyField(ref reader, bytes, ref fields);
        }
        else
        {
            reader.Skip();
        }
    }

    private static void ReadReplyField(ref Utf8JsonReader reader, byte[] bytes, ref MessageFields fields)
    {
        if (reader.ValueTextEquals("requestId"u8))
        {
            reader.Read();
            fields.RequestId = JsonReaderValues.StringOrNull(ref reader);
        }
        else if (reader.ValueTextEquals("success"u8))
        {
            reader.Read();
            fields.Success = reader.TokenType switch { JsonTokenType.True => true, JsonTokenType.False => false, _ => null };
            reader.Skip();
        }
        else if (reader.ValueTextEquals("code"u8))
        {
            reader.Read();
            fields.Code = JsonReaderValues.Text(ref reader, bytes);
        }
        else if (reader.ValueTextEquals("msg"u8))
        {
            reader.Read();
            fields.Msg = JsonReaderValues.StringOrNull(ref reader);
        }
        else
        {
            reader.Skip();
        }
    }

    // A later "data" replaces an earlier one entirely, as the last duplicate key wins.
    private static void ReadData(ref Utf8JsonReader reader, byte[] bytes, TopicKind kind, ref MessageFields fields)
    {
        fields.HasParams = false;
        fields.Id = null;
        fields.Status = null;
        fields.Time = null;
        fields.Values.Clear();
        if (reader.TokenType != JsonTokenType.StartObject || kind == TopicKind.SetReply)
        {
            reader.Skip();
            return;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (kind == TopicKind.Lifecycle && reader.ValueTextEquals("status"u8))
            {
                reader.Read();
                fields.Status = JsonReaderValues.StringOrNull(ref reader);
            }
            else if (kind == TopicKind.Lifecycle && reader.ValueTextEquals("time"u8))
            {
                reader.Read();
                fields.Time = JsonReaderValues.UnixMilliseconds(ref reader);
            }
            else if (kind != TopicKind.Lifecycle && reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                fields.Id = JsonReaderValues.Text(ref reader, bytes);
            }
            else if (kind != TopicKind.Lifecycle && reader.ValueTextEquals("params"u8))
            {
                reader.Read();
                fields.Values.Clear();
                fields.HasParams = reader.TokenType == JsonTokenType.StartObject;
                if (fields.HasParams)
                {
                    ReadParams(ref reader, fields.Values);
                }
                else
                {
                    reader.Skip();
                }
            }
            else
            {
                reader.Skip();
            }
        }
    }

    private static void ReadParams(ref Utf8JsonReader reader, List<(string Name, object? Value, DateTimeOffset? Time)> values)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = Names.Get(ref reader);
            reader.Read();
            var (value, time) = ValueAndTime(ref reader);
            values.Add((name, value, time));
        }
    }

    // Documented shape: { "value": ..., "time": <ms> }. Anything else is taken as the value itself.
    private static (object? Value, DateTimeOffset? Time) ValueAndTime(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return (JsonReaderValues.Natural(ref reader, Names), null);
        }
        var start = reader; // a struct: a copy is a bookmark to come back to
        var hasValue = false;
        object? value = null;
        DateTimeOffset? time = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("value"u8))
            {
                reader.Read();
                value = JsonReaderValues.Natural(ref reader, Names);
                hasValue = true;
            }
            else if (reader.ValueTextEquals("time"u8))
            {
                reader.Read();
                time = JsonReaderValues.UnixMilliseconds(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }
        if (hasValue)
        {
            return (value, time);
        }
        reader = start;
        return (JsonReaderValues.Natural(ref reader, Names), null);
    }

    private static OneNetLifecycleMessage? Lifecycle(in MessageFields fields, string productId, string deviceName, string topic, DateTimeOffset receivedAt, RawJson json, out string? problem)
    {
        problem = null;
        if (fields.MessageType is { } messageType && !messageType.Equals("lifecycle", StringComparison.OrdinalIgnoreCase))
        {
            problem = $"messageType is '{messageType}', expected 'lifecycle'";
            return null;
        }
        if (fields.Status is not { } status)
        {
            problem = "data.status is missing";
            return null;
        }
        DeviceStatus parsed;
        if (status.Equals("online", StringComparison.OrdinalIgnoreCase)) parsed = DeviceStatus.Online;
        else if (status.Equals("offline", StringComparison.OrdinalIgnoreCase)) parsed = DeviceStatus.Offline;
        else
        {
            problem = $"data.status is '{status}', expected 'online' or 'offline'";
            return null;
        }
        return new OneNetLifecycleMessage(productId, deviceName, topic, receivedAt, json, parsed, fields.Time);
    }

    private static OneNetPropertyMessage? Property(in MessageFields fields, string productId, string deviceName, string topic, DateTimeOffset receivedAt, RawJson json, out string? problem)
    {
        if (!HasParams(in fields, "property", out problem))
        {
            return null;
        }
        var values = new OneNetPropertyValue[fields.Values.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var (name, value, time) = fields.Values[i];
            values[i] = new OneNetPropertyValue(productId, deviceName, name, value, time);
        }
        return new OneNetPropertyMessage(productId, deviceName, topic, receivedAt, json, fields.Id, values);
    }

    private static OneNetEventMessage? Event(in MessageFields fields, string productId, string deviceName, string topic, DateTimeOffset receivedAt, RawJson json, out string? problem)
    {
        if (!HasParams(in fields, "event", out problem))
        {
            return null;
        }
        var values = new OneNetEventValue[fields.Values.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var (name, value, time) = fields.Values[i];
            values[i] = new OneNetEventValue(productId, deviceName, name, value, time);
        }
        return new OneNetEventMessage(productId, deviceName, topic, receivedAt, json, fields.Id, values);
    }

    private static OneNetSetReply? Reply(in MessageFields fields, string productId, string deviceName, string topic, DateTimeOffset receivedAt, RawJson json, out string? problem)
    {
        problem = null;
        if (fields.RequestId is not { Length: > 0 } requestId)
        {
            problem = "requestId is missing";
            return null;
        }
        if (fields.Success is not { } ok)
        {
            problem = "success is missing or not a boolean";
            return null;
        }
        return new OneNetSetReply(productId, deviceName, topic, receivedAt, json, requestId, null,
            ok ? SetStatus.Succeeded : SetStatus.Failed, ok ? null : fields.Code, fields.Msg, null);
    }

    private static bool HasParams(in MessageFields fields, string notifyType, out string? problem)
    {
        problem = null;
        if (fields.UnexpectedNotifyType is { } actual)
        {
            problem = $"notifyType is '{actual}', expected '{notifyType}'";
            return false;
        }
        if (!fields.HasParams)
        {
            problem = "data.params is missing or not an object";
            return false;
        }
        return true;
    }

    /// <summary>What one pass over the payload found; the last of duplicate keys wins.</summary>
    private struct MessageFields
    {
        public string? ProductId;
        public string? DeviceName;
        public string? MessageType;
        public string? UnexpectedNotifyType;
        public string? Id;
        public string? Status;
        public DateTimeOffset? Time;
        public bool HasParams;
        public string? RequestId;
        public bool? Success;
        public string? Code;
        public string? Msg;
        public List<(string Name, object? Value, DateTimeOffset? Time)> Values;
    }
}
