namespace OneNetStudio;

/// <summary>Which kind of set a reply answers.</summary>
public enum SetKind
{
    Property,
    Desired,
}
