namespace OneNetStudio.Core.Http;

/// <summary>Whether a property can be set: <c>r</c>/<c>rw</c> in the thing model, "只读"/"读写" in the property list.</summary>
public enum ApiAccessMode
{
    Unknown,
    ReadOnly,
    ReadWrite,
    WriteOnly,
}
