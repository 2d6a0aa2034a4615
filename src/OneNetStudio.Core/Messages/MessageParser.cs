using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using OneNetStudio.Core.Topics;

namespace OneNetStudio.Core.Messages;

/// <summary>
/// Reads the platform's JSON (product.md 2.4) into typed messages. Never throws on bad input: a payload that is not
/// UTF-8, not JSON, or not of the documented shape becomes a <see cref="MalformedMessage"/>.
/// </summary>
public static class MessageParser
{
    public static bool TryParse(string topic, ReadOnlySequence<byte> payload, DateTimeOffset receivedAt, out OneNetMessage? message, out MalformedMessage? malformed)
    {
        message = null;
        malformed = null;
        // One copy of the bytes, parsed in place; the text is decoded only if someone asks for .Json.
        var bytes = payload.ToArray();
        if (!OneNetTopics.TryParse(topic, out var deviceTopic) || !OneNetTopics.IsSubscribable(deviceTopic.Kind))
        {
            malformed = Malformed(topic, bytes, "the topic is not a OneNET device topic", receivedAt);
            return false;
        }
        // System.Text.Json checks UTF-8 inside strings only when a string is read: check it all up front (vectorised).
        if (!Utf8.IsValid(bytes))
        {
            malformed = Malformed(topic, bytes, "the payload is not valid UTF-8", receivedAt);
            return false;
        }
        var json = RawJson.FromUtf8(bytes);
        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                malformed = Malformed(topic, bytes, $"the payload is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object", receivedAt);
                return false;
            }
            var productId = StringOr(root, "productId", null) ?? deviceTopic.ProductId;
            var deviceName = StringOr(root, "deviceName", null) ?? deviceTopic.DeviceName;
            string problem;
            message = deviceTopic.Kind switch
            {
                TopicKind.Lifecycle => ParseLifecycle(root, productId, deviceName, topic, receivedAt, json, out problem),
                TopicKind.Property => ParseProperty(root, productId, deviceName, topic, receivedAt, json, out problem),
                TopicKind.Event => ParseEvent(root, productId, deviceName, topic, receivedAt, json, out problem),
                _ => ParseReply(root, productId, deviceName, topic, receivedAt, json, out problem),
            };
            if (message is null)
            {
                malformed = Malformed(topic, bytes, problem, receivedAt);
                return false;
            }
            return true;
        }
        catch (JsonException ex)
        {
            malformed = Malformed(topic, bytes, $"the payload is not JSON: {ex.Message}", receivedAt);
            return false;
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            // A value System.Text.Json parsed but cannot convert (a number out of range, for example).
            malformed = Malformed(topic, bytes, $"a value cannot be read: {ex.Message}", receivedAt);
            return false;
        }
    }

    private static MalformedMessage Malformed(string topic, byte[] bytes, string problem, DateTimeOffset receivedAt) =>
        new(topic, Encoding.UTF8.GetString(bytes), problem, receivedAt);

    private static OneNetLifecycleMessage? ParseLifecycle(JsonElement root, string productId, string deviceName, string topic, DateTimeOffset receivedAt, RawJson json, out string problem)
    {
        problem = string.Empty;
        var messageType = StringOr(root, "messageType", null);
        if (messageType is not null && !messageType.Equals("lifecycle", StringComparison.OrdinalIgnoreCase))
        {
            problem = $"messageType is '{messageType}', expected 'lifecycle'";
            return null;
        }
        if (!TryGetObject(root, "data", out var data) || StringOr(data, "status", null) is not { } status)
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
        return new OneNetLifecycleMessage(productId, deviceName, topic, receivedAt, json, parsed, TimeOf(data));
    }

    private static OneNetPropertyMessage? ParseProperty(JsonElement root, string productId, string deviceName, string topic, DateTimeOffset receivedAt, RawJson json, out string problem)
    {
        if (!TryGetParams(root, "property", out var data, out var parameters, out problem))
        {
            return null;
        }
        var values = new List<OneNetPropertyValue>();
        foreach (var property in parameters.EnumerateObject())
        {
            var (value, time) = ValueAndTime(property.Value);
            values.Add(new OneNetPropertyValue(productId, deviceName, property.Name, value, time));
        }
        return new OneNetPropertyMessage(productId, deviceName, topic, receivedAt, json, IdOf(data), values);
    }

    private static OneNetEventMessage? ParseEvent(JsonElement root, string productId, string deviceName, string topic, DateTimeOffset receivedAt, RawJson json, out string problem)
    {
        if (!TryGetParams(root, "event", out var data, out var parameters, out problem))
        {
            return null;
        }
        var values = new List<OneNetEventValue>();
        foreach (var property in parameters.EnumerateObject())
        {
            var (value, time) = ValueAndTime(property.Value);
            values.Add(new OneNetEventValue(productId, deviceName, property.Name, value, time));
        }
        return new OneNetEventMessage(productId, deviceName, topic, receivedAt, json, IdOf(data), values);
    }

    private static OneNetSetReply? ParseReply(JsonElement root, string productId, string deviceName, string topic, DateTimeOffset receivedAt, RawJson json, out string problem)
    {
        problem = string.Empty;
        if (StringOr(root, "requestId", null) is not { Length: > 0 } requestId)
        {
            problem = "requestId is missing";
            return null;
        }
        if (!root.TryGetProperty("success", out var success) || success.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            problem = "success is missing or not a boolean";
            return null;
        }
        var ok = success.GetBoolean();
        var code = root.TryGetProperty("code", out var codeElement) ? codeElement.ValueKind == JsonValueKind.String ? codeElement.GetString() : codeElement.GetRawText() : null;
        return new OneNetSetReply(productId, deviceName, topic, receivedAt, json, requestId, null,
            ok ? SetStatus.Succeeded : SetStatus.Failed, ok ? null : code, StringOr(root, "msg", null), null);
    }

    private static bool TryGetParams(JsonElement root, string notifyType, out JsonElement data, out JsonElement parameters, out string problem)
    {
        parameters = default;
        problem = string.Empty;
        var actual = StringOr(root, "notifyType", null);
        if (actual is not null && !actual.Equals(notifyType, StringComparison.OrdinalIgnoreCase))
        {
            problem = $"notifyType is '{actual}', expected '{notifyType}'";
            data = default;
            return false;
        }
        if (!TryGetObject(root, "data", out data) || !TryGetObject(data, "params", out parameters))
        {
            problem = "data.params is missing or not an object";
            return false;
        }
        return true;
    }

    private static (object? Value, DateTimeOffset? Time) ValueAndTime(JsonElement element)
    {
        // Documented shape: { "value": ..., "time": <ms> }. Anything else is taken as the value itself.
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("value", out var value))
        {
            return (JsonValues.ToNatural(value), TimeOf(element));
        }
        return (JsonValues.ToNatural(element), null);
    }

    private static DateTimeOffset? TimeOf(JsonElement element) =>
        element.TryGetProperty("time", out var time) && time.ValueKind == JsonValueKind.Number && time.TryGetInt64(out var ms)
        && ms is > -62135596800000 and < 253402300800000
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;

    private static string? IdOf(JsonElement data) =>
        data.TryGetProperty("id", out var id) ? id.ValueKind == JsonValueKind.String ? id.GetString() : id.GetRawText() : null;

    private static bool TryGetObject(JsonElement parent, string name, out JsonElement value) =>
        parent.TryGetProperty(name, out value) && value.ValueKind == JsonValueKind.Object;

    private static string? StringOr(JsonElement parent, string name, string? fallback) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : fallback;
}
