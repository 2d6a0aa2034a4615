namespace OneNetStudio.View;

/// <summary>Why a live view stopped drawing.</summary>
public enum FleetDisplayEnd
{
    /// <summary>The caller's wait said to stop (time up, Ctrl+C, the session closed).</summary>
    Ended,

    /// <summary>The user pressed q.</summary>
    Quit,
}
