namespace OneNetStudio.Core.Requests;

/// <summary>A set whose properties cannot be written as the platform's JSON; the message says which value and why.</summary>
public sealed class SetPayloadException(string message) : ArgumentException(message);
