using System.Text.Json;

namespace OneNetStudio.Simulator.Api;

/// <summary>The platform's paging: <c>offset</c> (default 0) and <c>limit</c> (default 10, 1 to 100); answers carry <c>data.meta</c>.</summary>
internal readonly record struct ApiPage(int Offset, int Limit)
{
    public static ApiPage From(ApiRequest request) =>
        new((int)request.GetLong("offset", 0, 0, int.MaxValue), (int)request.GetLong("limit", 10, 1, 100));

    public IEnumerable<T> Of<T>(IEnumerable<T> items) => items.Skip(Offset).Take(Limit);

    /// <summary><c>"meta":{"limit","offset","total"}</c>; history answers have no total (null).</summary>
    public void WriteMeta(Utf8JsonWriter writer, int? total)
    {
        writer.WriteStartObject("meta");
        writer.WriteNumber("limit", Limit);
        writer.WriteNumber("offset", Offset);
        if (total is { } count)
        {
            writer.WriteNumber("total", count);
        }
        writer.WriteEndObject();
    }
}
