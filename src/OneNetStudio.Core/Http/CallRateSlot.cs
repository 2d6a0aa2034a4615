namespace OneNetStudio.Core.Http;

/// <summary>A call's place in a <see cref="CallRateLimiter"/>'s window; <see cref="SentAt"/> is a timestamp of the limiter's clock.</summary>
public readonly record struct CallRateSlot(int Index, long Generation, long SentAt);
