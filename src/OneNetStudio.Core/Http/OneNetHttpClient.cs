using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using OneNetStudio.Core.Connection;
using OneNetStudio.Core.Security;

namespace OneNetStudio.Core.Http;

/// <summary>
/// A session's HTTP channel to the platform's API: one <see cref="HttpClient"/> (on a <see cref="SocketsHttpHandler"/>),
/// the session's token on every call (re-signed before it runs out), one <see cref="CallRateLimiter"/> shared by every
/// call and retry, retries with jittered backoff for transient faults only, and the answer's envelope read into a
/// result or a <see cref="OneNetApiException"/>. What the calls are is the dialect's business (<see cref="OpenApiDialect"/>).
/// Disposing it cancels the calls in flight and waits for them to end.
/// </summary>
public sealed class OneNetHttpClient : IAsyncDisposable, IDisposable
{
    private const int MaxResponseBytes = 32 * 1024 * 1024;

    private readonly HttpClient _http;
    private readonly HttpTokenSource _tokens;
    private readonly HttpRetryBackoff _backoff;
    private readonly Uri _base;
    private readonly ServerCertificateValidator? _certificates;
    private readonly CancellationTokenSource _closing = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;
    private int _closed;
    private long _requests;
    private long _retries;

    public OneNetHttpClient(OneNetHttpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        Options = options;
        var endpoint = options.Endpoint.AbsoluteUri;
        _base = new Uri(endpoint.EndsWith('/') ? endpoint : endpoint + "/");
        _tokens = new HttpTokenSource(options.Scope, options.AccessKey, options.Method, options.TokenVersion, options.TokenLifetime, options.Clock);
        _backoff = new HttpRetryBackoff(options.RetryInitialDelay, options.RetryMaxDelay, options.Random);
        RateLimiter = new CallRateLimiter(options.RateLimit, options.RateWindow, options.Clock);
        // Always our validator on https: it checks what the TLS stack checks by default, and remembers why it refused.
        if (_base.Scheme == Uri.UriSchemeHttps)
        {
            _certificates = new ServerCertificateValidator(_base.Host, options.CertificateAuthorities, options.SkipCertificateCheck);
        }
        _http = new HttpClient(options.Handler ?? CreateHandler(options, _certificates), disposeHandler: true)
        {
            // Each attempt has its own timeout (on the options' clock), so a retry gets a full one.
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
            MaxResponseContentBufferSize = MaxResponseBytes,
        };
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("OneNetStudio", typeof(OneNetHttpClient).Assembly.GetName().Version?.ToString(3)));
    }

    public OneNetHttpOptions Options { get; }

    /// <summary>The limiter every call of this client goes through.</summary>
    public CallRateLimiter RateLimiter { get; }

    /// <summary><c>host[:port]</c> of the endpoint, as messages name it.</summary>
    public string Host => _base.Authority;

    /// <summary>HTTP requests sent so far, retries included.</summary>
    public long RequestsSent => Interlocked.Read(ref _requests);

    /// <summary>Retries made so far.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>When the token in use runs out (it is replaced before then).</summary>
    public DateTimeOffset TokenExpiresAt => _tokens.ExpiresAt;

    public bool IsClosed => Volatile.Read(ref _closed) == 1;

    /// <summary>
    /// Sends one call and reads its data with <paramref name="read"/> (while the answer's JSON is alive). Throws
    /// <see cref="OneNetApiException"/> for a platform error, a non-2xx status or a transport failure that outlived
    /// the retries; <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> is cancelled;
    /// <see cref="OneNetSessionClosedException"/> when the client is (or gets) disposed.
    /// </summary>
    internal async Task<T> SendAsync<T>(ApiRequest request, Func<ApiResponse, T> read, CancellationToken cancellationToken)
    {
        EnterCall();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closing.Token);
        var token = linked.Token;
        try
        {
            for (var retry = 0; ; retry++)
            {
                var slot = await RateLimiter.AcquireAsync(token).ConfigureAwait(false);
                Attempt<T> fault;
                try
                {
                    fault = await AttemptAsync(request, read, retry, token).ConfigureAwait(false);
                }
                finally
                {
                    RateLimiter.Release(slot);
                }
                if (fault.Done)
                {
                    return fault.Result!;
                }
                Interlocked.Increment(ref _retries);
                await Task.Delay(_backoff.Delay(retry + 1, fault.RetryAfter), Options.Clock, token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException ex) when (token.IsCancellationRequested)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException($"{request.Action} was cancelled.", ex, cancellationToken);
            }
            throw Closed();
        }
        finally
        {
            LeaveCall();
        }
    }

    /// <summary>
    /// Every item of a paged list, page after page (<c>offset</c>/<c>limit</c>), each page requested only when the
    /// caller has taken the one before. Stops at <c>total</c> when the platform gives one, otherwise at a short or
    /// empty page (history APIs give no total; the <c>count</c> some of them send is not trusted as one).
    /// </summary>
    internal async IAsyncEnumerable<T> PageAsync<T>(Func<int, int, ApiRequest> requestForPage, Func<ApiResponse, ApiPage<T>> read,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var limit = Options.PageSize;
        var offset = 0;
        while (true)
        {
            var page = await SendAsync(requestForPage(offset, limit), read, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return item;
            }
            offset += page.Items.Count;
            // A server that serves less than asked says so in meta.limit: a page of that size is full, not short.
            var pageSize = page.Limit is { } served && served > 0 && served < limit ? served : limit;
            if (page.Items.Count == 0
                || (page.Total is { } total ? offset >= total : page.Items.Count < pageSize))
            {
                yield break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 1)
        {
            await _drained.Task.ConfigureAwait(false);
            return;
        }
        _closing.Cancel();
        if (Volatile.Read(ref _inFlight) == 0)
        {
            _drained.TrySetResult();
        }
        await _drained.Task.ConfigureAwait(false);
        // _closing is not disposed: calls that just ended may still be unregistering from it.
        _http.Dispose();
        RateLimiter.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private readonly record struct Attempt<T>(bool Done, T? Result, TimeSpan? RetryAfter);

    private async Task<Attempt<T>> AttemptAsync<T>(ApiRequest request, Func<ApiResponse, T> read, int retry, CancellationToken token)
    {
        using var message = BuildMessage(request);
        using var timeout = new CancellationTokenSource(Options.Timeout, Options.Clock);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(token, timeout.Token);
        Interlocked.Increment(ref _requests);
        try
        {
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, attempt.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(attempt.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (IsTransient(status) && MayRetry(request, retry, surelyNotCarriedOut: status is 429 or 503))
            {
                return new Attempt<T>(false, default, RetryAfter(response));
            }
            return new Attempt<T>(true, ReadAnswer(request, response, body, read, retry), null);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !token.IsCancellationRequested)
        {
            if (MayRetry(request, retry, surelyNotCarriedOut: false))
            {
                return new Attempt<T>(false, default, null);
            }
            throw new OneNetApiException(OneNetApiErrorKind.TimedOut,
                $"{request.Action}: no answer from {Host} within {Seconds(Options.Timeout)}{After(retry)}{NotRepeated(request, retry)}.",
                request.Action, innerException: ex);
        }
        catch (HttpRequestException ex) when (!token.IsCancellationRequested)
        {
            // Nothing was sent when the connection could not even be made.
            var notSent = ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError;
            // A refused certificate is refused again on a retry.
            if (ex.HttpRequestError == HttpRequestError.SecureConnectionError && _certificates?.Failure is { } refused)
            {
                throw new OneNetApiException(OneNetApiErrorKind.CertificateInvalid,
                    $"{request.Action}: the certificate of {Host} was refused: {refused}.", request.Action, innerException: ex);
            }
            if (MayRetry(request, retry, surelyNotCarriedOut: notSent))
            {
                return new Attempt<T>(false, default, null);
            }
            throw new OneNetApiException(OneNetApiErrorKind.Unreachable,
                $"{request.Action}: cannot reach {Host}: {ex.Message.TrimEnd().TrimEnd('.')}{After(retry)}{NotRepeated(request, retry, notSent)}.",
                request.Action, innerException: ex);
        }
    }

    private HttpRequestMessage BuildMessage(ApiRequest request)
    {
        var relative = new StringBuilder(request.Path.TrimStart('/'));
        for (var i = 0; i < request.Query.Count; i++)
        {
            relative.Append(i == 0 ? '?' : '&')
                .Append(Uri.EscapeDataString(request.Query[i].Key)).Append('=')
                .Append(Uri.EscapeDataString(request.Query[i].Value));
        }
        var message = new HttpRequestMessage(request.Method, new Uri(_base, relative.ToString()));
        // The token is not a scheme-and-parameter credential, so it bypasses the header's parser.
        message.Headers.TryAddWithoutValidation("authorization", _tokens.Current());
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        return message;
    }

    private T ReadAnswer<T>(ApiRequest request, HttpResponseMessage response, byte[] body, Func<ApiResponse, T> read, int retry)
    {
        var status = (int)response.StatusCode;
        using var document = TryParse(body);
        ApiEnvelope envelope = default;
        var isEnvelope = document is not null && request.Envelope.TryRead(document.RootElement, out envelope);
        if (status is < 200 or >= 300)
        {
            throw isEnvelope && !envelope.Success && envelope.Code is not null
                ? PlatformError(request, envelope, status)
                : StatusError(request, response, retry);
        }
        if (!isEnvelope)
        {
            var what = document is null ? "not JSON" : "JSON but not the platform's envelope";
            var type = response.Content.Headers.ContentType?.MediaType ?? "no content type";
            throw new OneNetApiException(OneNetApiErrorKind.InvalidResponse,
                $"{request.Action}: the answer from {Host} is {what} (HTTP {status}, {type}, {body.Length:N0} bytes). Is the endpoint the platform's API?",
                request.Action, httpStatus: status);
        }
        if (!envelope.Success)
        {
            throw PlatformError(request, envelope, status);
        }
        try
        {
            return read(new ApiResponse(envelope.Data, envelope.RequestId));
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or JsonException or KeyNotFoundException or OverflowException or ArgumentException)
        {
            throw new OneNetApiException(OneNetApiErrorKind.InvalidResponse,
                $"{request.Action}: the platform's answer has an unexpected shape: {_tokens.Redact(ex.Message)}",
                request.Action, requestId: envelope.RequestId, httpStatus: status, innerException: ex);
        }
    }

    private OneNetApiException PlatformError(ApiRequest request, ApiEnvelope envelope, int status)
    {
        var platformMessage = envelope.Message is null ? null : _tokens.Redact(envelope.Message);
        var code = envelope.Code ?? "no code";
        var details = envelope.RequestId is null ? code : $"{code}, request id {envelope.RequestId}";
        var text = platformMessage is null
            ? $"The platform refused {request.Action} ({details})."
            : $"The platform refused {request.Action}: {platformMessage.TrimEnd().TrimEnd('.')} ({details}).";
        return new OneNetApiException(OneNetApiErrorCodes.Classify(envelope.Code), text, request.Action, envelope.Code,
            platformMessage, envelope.RequestId, status);
    }

    private OneNetApiException StatusError(ApiRequest request, HttpResponseMessage response, int retry)
    {
        var status = (int)response.StatusCode;
        var kind = status switch
        {
            401 or 403 => OneNetApiErrorKind.AccessDenied,
            429 => OneNetApiErrorKind.RateLimited,
            >= 500 => OneNetApiErrorKind.ServerError,
            _ => OneNetApiErrorKind.HttpError,
        };
        var reason = string.IsNullOrWhiteSpace(response.ReasonPhrase) ? "" : $" ({response.ReasonPhrase})";
        var after = IsTransient(status) ? After(retry) + NotRepeated(request, retry, status is 429 or 503) : "";
        return new OneNetApiException(kind, $"{request.Action}: {Host} answered HTTP {status}{reason}{after}.", request.Action, httpStatus: status);
    }

    private bool MayRetry(ApiRequest request, int retry, bool surelyNotCarriedOut) =>
        retry < Options.RetryCount && (request.SafeToRepeat || surelyNotCarriedOut);

    private static bool IsTransient(int status) => status is 429 or >= 500;

    private string After(int retry) => retry == 0 ? "" : $", still after {retry} {(retry == 1 ? "retry" : "retries")}";

    private string NotRepeated(ApiRequest request, int retry, bool surelyNotCarriedOut = false) =>
        !request.SafeToRepeat && !surelyNotCarriedOut && retry < Options.RetryCount
            ? "; not retried, because the platform may have carried it out already"
            : "";

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }
        return header?.Date is { } date ? date - Options.Clock.GetUtcNow() : null;
    }

    private static JsonDocument? TryParse(byte[] body)
    {
        try
        {
            return body.Length == 0 ? null : JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Seconds(TimeSpan span) => $"{span.TotalSeconds:0.###} s";

    private void EnterCall()
    {
        Interlocked.Increment(ref _inFlight);
        if (IsClosed)
        {
            LeaveCall();
            throw Closed();
        }
    }

    private void LeaveCall()
    {
        if (Interlocked.Decrement(ref _inFlight) == 0 && IsClosed)
        {
            _drained.TrySetResult();
        }
    }

    private OneNetSessionClosedException Closed() => new(Options.Scope.Username, Host, null);

    private static SocketsHttpHandler CreateHandler(OneNetHttpOptions options, ServerCertificateValidator? certificates) => new()
    {
        SslOptions = certificates is null ? new() : new() { RemoteCertificateValidationCallback = (_, certificate, chain, errors) => certificates.Validate(certificate, chain, errors) },
        ConnectTimeout = options.Timeout < TimeSpan.FromSeconds(10) ? options.Timeout : TimeSpan.FromSeconds(10),
        // Long-lived sessions pick up DNS changes.
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = DecompressionMethods.All,
        // A redirect would carry the token to wherever it points; the platform does not redirect.
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = true,
    };

    private static void Validate(OneNetHttpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options.Scope);
        ArgumentNullException.ThrowIfNull(options.AccessKey);
        ArgumentNullException.ThrowIfNull(options.Endpoint);
        ArgumentNullException.ThrowIfNull(options.Clock);
        if (!options.Endpoint.IsAbsoluteUri || options.Endpoint.Scheme is not ("https" or "http"))
        {
            throw new ArgumentException($"The API endpoint must be an absolute http or https address, not '{options.Endpoint}'.", nameof(options));
        }
        if (!string.IsNullOrEmpty(options.Endpoint.Query) || !string.IsNullOrEmpty(options.Endpoint.UserInfo))
        {
            throw new ArgumentException("The API endpoint must not carry a query or user information.", nameof(options));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(options.TokenLifetime, TimeSpan.FromSeconds(10), nameof(options.TokenLifetime));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Timeout, TimeSpan.Zero, nameof(options.Timeout));
        ArgumentOutOfRangeException.ThrowIfNegative(options.RetryCount, nameof(options.RetryCount));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.RetryCount, 10, nameof(options.RetryCount));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.RetryInitialDelay, TimeSpan.Zero, nameof(options.RetryInitialDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.RetryMaxDelay, options.RetryInitialDelay, nameof(options.RetryMaxDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.RateLimit, 1, nameof(options.RateLimit));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.RateWindow, TimeSpan.Zero, nameof(options.RateWindow));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.PageSize, 1, nameof(options.PageSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.PageSize, OneNetHttpOptions.MaxPageSize, nameof(options.PageSize));
    }
}
