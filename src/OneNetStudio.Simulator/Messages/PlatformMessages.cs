using System.Buffers;
using System.Text.Json;

namespace OneNetStudio.Simulator.Messages;

/// <summary>The JSON the platform pushes to applications (product.md 2.4), built straight into UTF-8 bytes.</summary>
internal static class PlatformMessages
{
    public static byte[] Lifecycle(string productId, string deviceName, bool online, long timeMs) =>
        Write(writer =>
        {
            WriteHeader(writer, productId, deviceName, "lifecycle");
            writer.WriteStartObject("data");
            writer.WriteString("status", online ? "online" : "offline");
            writer.WriteNumber("time", timeMs);
            writer.WriteEndObject();
        });

    public static byte[] PropertyReport(string productId, string deviceName, string id, IReadOnlyDictionary<string, object?> values, long timeMs) =>
        Write(writer =>
        {
            WriteHeader(writer, productId, deviceName, "notify");
            writer.WriteString("notifyType", "property");
            writer.WriteStartObject("data");
            writer.WriteString("id", id);
            writer.WriteStartObject("params");
            foreach (var (name, value) in values)
            {
                writer.WriteStartObject(name);
                writer.WritePropertyName("value");
                WriteValue(writer, value);
                writer.WriteNumber("time", timeMs);
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        });

    public static byte[] Event(string productId, string deviceName, string id, string identifier, IReadOnlyDictionary<string, object?> value, long timeMs) =>
        Write(writer =>
        {
            WriteHeader(writer, productId, deviceName, "notify");
            writer.WriteString("notifyType", "event");
            writer.WriteStartObject("data");
            writer.WriteString("id", id);
            writer.WriteString("version", "1.0");
            writer.WriteStartObject("params");
            writer.WriteStartObject(identifier);
            writer.WritePropertyName("value");
            WriteValue(writer, value);
            writer.WriteNumber("time", timeMs);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        });

    public static byte[] SetReply(string requestId, SetOutcome outcome) =>
        Write(writer =>
        {
            writer.WriteString("requestId", requestId);
            if (!outcome.Success)
            {
                writer.WriteString("code", outcome.Code);
                writer.WriteString("msg", outcome.Message);
            }
            writer.WriteBoolean("success", outcome.Success);
        });

    private static void WriteHeader(Utf8JsonWriter writer, string productId, string deviceName, string messageType)
    {
        writer.WriteString("productId", productId);
        writer.WriteString("deviceName", deviceName);
        writer.WriteString("messageType", messageType);
    }

    /// <summary>Writes a stored property, event or service value with its JSON type.</summary>
    internal static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string s: writer.WriteStringValue(s); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case long l: writer.WriteNumberValue(l); break;
            case int i: writer.WriteNumberValue(i); break;
            // A float property keeps its decimal point (20.0, not 20), so readers see a floating-point value.
            case double d when double.IsFinite(d) && d == Math.Floor(d) && Math.Abs(d) < 1e15:
                writer.WriteRawValue(d.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture));
                break;
            case double d: writer.WriteNumberValue(d); break;
            case IReadOnlyDictionary<string, object?> map:
                writer.WriteStartObject();
                foreach (var (name, item) in map)
                {
                    writer.WritePropertyName(name);
                    WriteValue(writer, item);
                }
                writer.WriteEndObject();
                break;
            case IReadOnlyList<object?> list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    WriteValue(writer, item);
                }
                writer.WriteEndArray();
                break;
            default: throw new ArgumentException($"Cannot write a {value.GetType()} as a property value.", nameof(value));
        }
    }

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
