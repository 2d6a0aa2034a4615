namespace OneNetStudio;

/// <summary>How a device attaches to the platform.</summary>
public enum NodeType
{
    Unknown,
    Direct,
    Gateway,
    SubDevice,
}
