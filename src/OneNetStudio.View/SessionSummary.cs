namespace OneNetStudio.View;

/// <summary>The header's facts about the session the view listens on.</summary>
/// <param name="Label">How the session is named to the user, for example "session 1 (user @ host:port)".</param>
public sealed record SessionSummary(string Label, ConnectionState State, int Reconnects);
