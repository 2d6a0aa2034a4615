using System.Globalization;
using System.Management.Automation;

namespace OneNetStudio.Transforms;

/// <summary>
/// Binds a point in time from a DateTime, a DateTimeOffset, a date string, or a number of Unix seconds. A number
/// that can only be milliseconds is refused rather than read as a date thousands of years away.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class UnixTimeTransformationAttribute : ArgumentTransformationAttribute
{
    // 9999-12-31 in Unix seconds; anything larger is milliseconds (or nonsense).
    private const long MaxUnixSeconds = 253_402_300_799;

    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        switch (value)
        {
            case DateTimeOffset offset:
                return offset;
            case DateTime dateTime:
                return new DateTimeOffset(dateTime.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(dateTime, DateTimeKind.Local) : dateTime);
            case int or long or uint or ulong or short or double or decimal:
                return FromUnixSeconds(Convert.ToDecimal(value, CultureInfo.InvariantCulture));
            case string text when decimal.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number):
                return FromUnixSeconds(number);
            case string text when DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var parsed):
                return parsed;
            default:
                throw new ArgumentTransformationMetadataException($"'{value}' is neither a date nor a number of Unix seconds.");
        }
    }

    private static DateTimeOffset FromUnixSeconds(decimal seconds)
    {
        if (seconds <= 0 || seconds > MaxUnixSeconds || decimal.Truncate(seconds) != seconds)
        {
            throw new ArgumentTransformationMetadataException(
                $"{seconds} is not a whole number of Unix seconds between 1970 and 9999. OneNET tokens expire at Unix seconds, not milliseconds: divide milliseconds by 1000.");
        }
        return DateTimeOffset.FromUnixTimeSeconds((long)seconds);
    }
}
