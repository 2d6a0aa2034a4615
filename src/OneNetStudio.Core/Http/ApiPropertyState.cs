namespace OneNetStudio.Core.Http;

/// <summary>
/// A property's latest value and desired value (<c>QueryDeviceProperty</c>), both typed by its data type. A property
/// the device never reported has a null <see cref="Value"/> and <see cref="Time"/>.
/// </summary>
public sealed record ApiPropertyState
{
    public required string Identifier { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }
    public required ApiDataType DataType { get; init; }
    public ApiAccessMode AccessMode { get; init; }
    public object? Value { get; init; }
    public object? DesiredValue { get; init; }
    public DateTimeOffset? Time { get; init; }
}
