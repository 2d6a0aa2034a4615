namespace OneNetStudio;

/// <summary>Whether a property of the thing model can be set.</summary>
public enum AccessMode
{
    Unknown,
    ReadOnly,
    ReadWrite,
    WriteOnly,
}
