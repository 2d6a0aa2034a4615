namespace OneNetStudio.Core.Connection;

/// <summary>Which topics the broker granted and which it refused.</summary>
public sealed record SubscribeResult(IReadOnlyList<string> Granted, IReadOnlyList<string> Refused);
