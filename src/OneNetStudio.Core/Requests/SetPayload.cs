using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace OneNetStudio.Core.Requests;

/// <summary>
/// Writes a set request (product.md 2.5): <c>{"requestId":"…","data":{"version":"1.0","params":{…}}}</c>. Values keep
/// their JSON types: numbers stay numbers, strings strings, booleans booleans, dictionaries objects, lists arrays.
/// </summary>
public static class SetPayload
{
    /// <summary>The platform's documented limit for one set.</summary>
    public const int MaxBytes = 256 * 1024;

    private const int MaxDepth = 32;

    /// <summary>
    /// The UTF-8 payload. <paramref name="unwrap"/> is applied to every value first (the module uses it to unwrap
    /// PowerShell's wrappers). Throws <see cref="SetPayloadException"/> when a value has no JSON form.
    /// </summary>
    public static byte[] Build(string requestId, IDictionary properties, Func<object?, object?>? unwrap = null)
    {
        ArgumentNullException.ThrowIfNull(requestId);
        ArgumentNullException.ThrowIfNull(properties);
        if (properties.Count == 0)
        {
            throw new SetPayloadException("-Property is empty: give at least one identifier and value, for example @{ temperature = 30.5 }.");
        }
        var (buffer, writer) = t_writer ??= NewWriter();
        buffer.ResetWrittenCount();
        writer.Reset(buffer); // also drops whatever a set that failed halfway left in it
        writer.WriteStartObject();
        writer.WriteString("requestId", requestId);
        writer.WriteStartObject("data");
        writer.WriteString("version", "1.0");
        writer.WritePropertyName("params");
        WriteObject(writer, properties, unwrap, "", 1);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.Flush();
        var written = buffer.WrittenCount;
        var payload = written > MaxBytes ? null : buffer.WrittenSpan.ToArray();
        if (buffer.Capacity > MaxBytes)
        {
            t_writer = null; // one huge set does not keep its buffer for the thread's life
        }
        return payload ?? throw new SetPayloadException($"The set is {written:N0} bytes; the platform accepts at most {MaxBytes:N0} bytes per set.");
    }

    // One writer and buffer per thread, reused: a fleet set builds thousands of payloads on the pipeline thread.
    [ThreadStatic]
    private static (ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Writer)? t_writer;

    private static (ArrayBufferWriter<byte>, Utf8JsonWriter) NewWriter()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        return (buffer, new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = false }));
    }

    /// <summary>A dictionary as a JSON object, by the same rules as a set's <c>params</c> (the HTTP API's bodies use them too).</summary>
    internal static void WriteParams(Utf8JsonWriter writer, IDictionary values, Func<object?, object?>? unwrap) =>
        WriteObject(writer, values, unwrap, "", 1);

    private static void WriteObject(Utf8JsonWriter writer, IDictionary dictionary, Func<object?, object?>? unwrap, string path, int depth)
    {
        writer.WriteStartObject();
        foreach (DictionaryEntry entry in dictionary)
        {
            var key = unwrap is null ? entry.Key : unwrap(entry.Key);
            if (key is not string name || name.Length == 0)
            {
                throw new SetPayloadException($"Property names must be non-empty strings; '{key}' at '{path}' is not.");
            }
            writer.WritePropertyName(name);
            WriteValue(writer, entry.Value, unwrap, path.Length == 0 ? name : $"{path}.{name}", depth);
        }
        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, object? raw, Func<object?, object?>? unwrap, string path, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new SetPayloadException($"'{path}' is nested more than {MaxDepth} levels deep.");
        }
        var value = unwrap is null ? raw : unwrap(raw);
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case char character:
                writer.WriteStringValue(character.ToString());
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case Enum enumValue:
                writer.WriteStringValue(enumValue.ToString());
                break;
            case sbyte or byte or short or ushort or int or uint or long:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong unsigned:
                writer.WriteNumberValue(unsigned);
                break;
            case float single:
                WriteFinite(writer, single, path);
                break;
            case double number:
                WriteFinite(writer, number, path);
                break;
            case decimal exact:
                writer.WriteNumberValue(exact);
                break;
            case Guid guid:
                writer.WriteStringValue(guid.ToString("D"));
                break;
            case IDictionary nested:
                WriteObject(writer, nested, unwrap, path, depth + 1);
                break;
            case IEnumerable list:
                writer.WriteStartArray();
                var index = 0;
                foreach (var item in list)
                {
                    WriteValue(writer, item, unwrap, $"{path}[{index++}]", depth + 1);
                }
                writer.WriteEndArray();
                break;
            default:
                throw new SetPayloadException(
                    $"The value of '{path}' is a {value.GetType().FullName}, which has no JSON form. Give a number, string, boolean, hashtable or array (convert dates to a string or epoch milliseconds).");
        }
    }

    // A float keeps its own shortest form (0.1f is "0.1", not the double 0.10000000149011612).
    private static void WriteFinite(Utf8JsonWriter writer, float number, string path)
    {
        if (float.IsFinite(number) && number != MathF.Floor(number))
        {
            writer.WriteNumberValue(number);
            return;
        }
        WriteFinite(writer, (double)number, path);
    }

    private static void WriteFinite(Utf8JsonWriter writer, double number, string path)
    {
        if (!double.IsFinite(number))
        {
            throw new SetPayloadException($"The value of '{path}' is {number.ToString(CultureInfo.InvariantCulture)}, which JSON cannot express.");
        }
        // Utf8JsonWriter writes 30.0 as "30"; keep a decimal point so the platform still sees a float.
        if (number == Math.Floor(number) && Math.Abs(number) < 1e15)
        {
            writer.WriteRawValue(number.ToString("0.0", CultureInfo.InvariantCulture), skipInputValidation: true);
            return;
        }
        writer.WriteNumberValue(number);
    }
}
