namespace OneNetStudio.Core.Connection;

/// <summary>
/// Finds half-open links: when nothing has been received for 1.5 × keepalive, it pings with a deadline and reports the
/// link dead if no answer comes. MQTTnet's own keepalive only pings when the client has sent nothing, so a client that
/// publishes often would never notice a link on which nothing comes back.
/// </summary>
internal sealed class LinkWatchdog
{
    private readonly TimeProvider _clock;
    private readonly TimeSpan _silenceLimit;
    private readonly TimeSpan _pingDeadline;
    private readonly Func<CancellationToken, Task> _ping;
    private long _lastReceived;
    private volatile bool _pinging;

    public LinkWatchdog(TimeProvider clock, TimeSpan keepAlive, TimeSpan pingDeadline, Func<CancellationToken, Task> ping)
    {
        _clock = clock;
        _silenceLimit = keepAlive * 1.5;
        CheckEvery = keepAlive / 2;
        _pingDeadline = pingDeadline;
        _ping = ping;
        _lastReceived = clock.GetTimestamp();
    }

    public TimeSpan CheckEvery { get; }

    /// <summary>Anything came from the server: a message, an acknowledgement, a ping response.</summary>
    public void MarkReceived() => Volatile.Write(ref _lastReceived, _clock.GetTimestamp());

    public TimeSpan Silence => _clock.GetElapsedTime(Volatile.Read(ref _lastReceived));

    /// <summary>
    /// True while the watchdog waits for its ping: MQTTnet may tear the link down itself when that ping times out,
    /// and the reason it then gives ("normal disconnection") would hide the real one.
    /// </summary>
    public bool IsPinging => _pinging;

    public string HalfOpenReason => $"nothing received for {Silence.TotalSeconds:0.#} s and no answer to a ping within {_pingDeadline.TotalSeconds:0.#} s (half-open link)";

    /// <summary>Null when the link is fine (or was silent but answered a ping); otherwise why it is dead.</summary>
    public async Task<string?> CheckAsync(CancellationToken cancellationToken)
    {
        if (Silence < _silenceLimit)
        {
            return null;
        }
        using var deadline = new CancellationTokenSource(_pingDeadline, _clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        _pinging = true;
        try
        {
            await _ping(linked.Token).ConfigureAwait(false);
            MarkReceived();
            return null;
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (Exception ex)
        {
            return deadline.IsCancellationRequested ? HalfOpenReason : $"the keepalive ping failed: {ex.Message}";
        }
        finally
        {
            _pinging = false;
        }
    }
}
