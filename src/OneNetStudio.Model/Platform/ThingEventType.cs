namespace OneNetStudio;

/// <summary>The type of a thing-model event.</summary>
public enum ThingEventType
{
    Unknown,
    Info,
    Alert,
    Fault,
}
