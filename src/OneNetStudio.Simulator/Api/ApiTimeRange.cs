namespace OneNetStudio.Simulator.Api;

/// <summary>The <c>start_time</c> and <c>end_time</c> (epoch ms, both required, both included) of a history query.</summary>
internal static class ApiTimeRange
{
    public static (long Start, long End) From(ApiRequest request)
    {
        var start = request.RequireTime("start_time");
        var end = request.RequireTime("end_time");
        return start <= end ? (start, end) : throw ApiFailure.InvalidParameter($"start_time {start} is after end_time {end}");
    }
}
