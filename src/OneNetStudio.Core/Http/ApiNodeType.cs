namespace OneNetStudio.Core.Http;

/// <summary>How a device attaches to the platform (<c>node_type</c> 1, 2, 3).</summary>
public enum ApiNodeType
{
    Unknown = 0,
    Direct = 1,
    Gateway = 2,
    SubDevice = 3,
}
