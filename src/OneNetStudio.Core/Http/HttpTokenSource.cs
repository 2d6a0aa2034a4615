using OneNetStudio.Core.Connection;
using OneNetStudio.Core.Security;

namespace OneNetStudio.Core.Http;

/// <summary>
/// The token on the <c>authorization</c> header: signed once and reused, and signed afresh before its <c>et</c> comes
/// near (a tenth of its lifetime before, at least 5 minutes but at most half the lifetime), so a call in flight or
/// waiting for a retry never carries an expired token. Thread-safe.
/// </summary>
internal sealed class HttpTokenSource
{
    private static readonly TimeSpan MinimumMargin = TimeSpan.FromMinutes(5);

    private readonly OneNetScope _scope;
    private readonly AccessKey _key;
    private readonly TokenMethod _method;
    private readonly string _version;
    private readonly TimeSpan _lifetime;
    private readonly TimeProvider _clock;
    private readonly object _lock = new();
    // The tokens handed out lately, so text from elsewhere (a platform message) can be cleaned of them.
    private readonly Queue<string> _recent = new();
    private string? _token;
    private DateTimeOffset _renewAt;

    public HttpTokenSource(OneNetScope scope, AccessKey key, TokenMethod method, string version, TimeSpan lifetime, TimeProvider clock)
    {
        _scope = scope;
        _key = key;
        _method = method;
        _version = version;
        _lifetime = lifetime;
        _clock = clock;
    }

    /// <summary>The <c>et</c> of the current token (none signed yet: <see cref="DateTimeOffset.MinValue"/>).</summary>
    public DateTimeOffset ExpiresAt { get; private set; } = DateTimeOffset.MinValue;

    public static TimeSpan RenewalMargin(TimeSpan lifetime)
    {
        var margin = lifetime / 10;
        if (margin < MinimumMargin)
        {
            margin = MinimumMargin;
        }
        return margin > lifetime / 2 ? lifetime / 2 : margin;
    }

    public string Current()
    {
        lock (_lock)
        {
            var now = _clock.GetUtcNow();
            if (_token is null || now >= _renewAt)
            {
                var token = OneNetToken.Create(_scope.Username, _key, now + _lifetime, _method, _version);
                ExpiresAt = DateTimeOffset.FromUnixTimeSeconds((now + _lifetime).ToUnixTimeSeconds());
                _renewAt = ExpiresAt - RenewalMargin(_lifetime);
                _token = token;
                _recent.Enqueue(token);
                if (_recent.Count > 4)
                {
                    _recent.Dequeue();
                }
            }
            return _token;
        }
    }

    /// <summary>The text with any token handed out lately, or its signature, replaced by "(token)".</summary>
    public string Redact(string text)
    {
        lock (_lock)
        {
            foreach (var token in _recent)
            {
                text = text.Replace(token, "(token)", StringComparison.Ordinal);
                var sign = token[(token.LastIndexOf("&sign=", StringComparison.Ordinal) + 6)..];
                text = text.Replace(sign, "(token)", StringComparison.Ordinal).Replace(Uri.UnescapeDataString(sign), "(token)", StringComparison.Ordinal);
            }
            return text;
        }
    }
}
