using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using OneNetStudio.Simulator.Messages;

namespace OneNetStudio.Simulator.Api;

/// <summary>The platform's ways of writing values and times in API answers (product.md 2.7).</summary>
internal static class ApiJson
{
    /// <summary>"Never" in a device record's ISO-8601 times.</summary>
    public const string NeverIso = "0001-01-01T00:00:00.000Z";

    /// <summary>
    /// A value as the platform's <c>value</c> and <c>expect_value</c> carry it: its JSON text in a string
    /// (<c>"600"</c>, <c>"false"</c>, <c>"{\"lng\":116.4}"</c>), except that a string value is itself (<c>"on"</c>, not
    /// <c>"\"on\""</c>), as a platform that stores every value as text gives it back.
    /// </summary>
    public static string ValueText(object? value)
    {
        if (value is string text)
        {
            return text;
        }
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            PlatformMessages.WriteValue(writer, value);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>A value with its own JSON type, as live reads, desired values and service outputs carry it.</summary>
    public static void WriteValue(Utf8JsonWriter writer, object? value) => PlatformMessages.WriteValue(writer, value);

    /// <summary>Epoch milliseconds as the string the platform gives in history and latest-value <c>time</c> ("0" = never).</summary>
    public static string MsText(long ms) => ms.ToString(CultureInfo.InvariantCulture);

    /// <summary>A device record's time: ISO-8601 UTC with milliseconds; null is <see cref="NeverIso"/>.</summary>
    public static string Iso(long? ms) => ms is { } value
        ? DateTimeOffset.FromUnixTimeMilliseconds(value).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)
        : NeverIso;

    /// <summary>A spec number as the thing model gives it: a string (<c>"0.1"</c>, <c>"-40"</c>).</summary>
    public static string SpecNumber(decimal number) => number.ToString(CultureInfo.InvariantCulture);
}
