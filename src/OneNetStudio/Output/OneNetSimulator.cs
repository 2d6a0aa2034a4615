using System.Security;
using System.Text;
using OneNetStudio.Simulator;
using OneNetStudio.Transforms;

namespace OneNetStudio;

/// <summary>
/// A running embedded OneNET platform: what a client needs to connect (endpoint, ids, keys as SecureStrings) and
/// methods that drive it in tests and demos.
/// </summary>
public sealed class OneNetSimulator
{
    private readonly Lazy<SecureString> _accessKey;
    private readonly Lazy<SecureString> _groupKey;

    internal OneNetSimulator(int id, SimulatorServer server)
    {
        Id = id;
        Server = server;
        _accessKey = new Lazy<SecureString>(() => SecureStrings.FromPlainText(server.UserKey));
        _groupKey = new Lazy<SecureString>(() => SecureStrings.FromPlainText(server.GroupKey));
    }

    internal SimulatorServer Server { get; }

    public int Id { get; }
    public string Host => Server.Host;
    public int Port => Server.Port;
    public string Endpoint => $"{Host}:{Port}";

    /// <summary>The HTTP application API, in place of https://openapi.heclouds.com (-Simulator sessions use it).</summary>
    public string ApiEndpoint => Server.ApiEndpoint;
    public int ApiPort => Server.ApiPort;
    public string UserId => Server.UserId;

    /// <summary>The user's access key; pass it to <c>Connect-OneNet -AccessKey</c>.</summary>
    public SecureString AccessKey => _accessKey.Value;
    public string ProjectId => Server.ProjectId;
    public string GroupId => Server.GroupId;

    /// <summary>The project group's key.</summary>
    public SecureString GroupKey => _groupKey.Value;
    public string[] ProductId => Server.Fleet.ProductIds.ToArray();
    public int DeviceCount => Server.Fleet.Devices.Count;
    public OneNetSimulatedDevice[] Devices => Server.Fleet.Devices.Select(d => new OneNetSimulatedDevice(d)).ToArray();
    public bool IsRunning => !Server.IsDisposed;
    public bool IsListening => Server.IsListening;
    public SimulatorCountersSnapshot Counters => Server.Counters;
    public string? LastAuthFailure => Server.LastAuthFailure;

    /// <summary>Why the HTTP API last refused a token (null when it never did).</summary>
    public string? LastApiAuthFailure => Server.LastApiAuthFailure;

    public OneNetSimulatedDevice? GetDevice(string productId, string deviceName) =>
        Server.Fleet.Find(productId, deviceName) is { } device ? new OneNetSimulatedDevice(device) : null;

    /// <summary>Takes a device offline or online; publishes its lifecycle message when the state changes.</summary>
    public void SetDeviceOnline(string productId, string deviceName, bool online) =>
        Server.SetDeviceOnlineAsync(productId, deviceName, online).GetAwaiter().GetResult();

    /// <summary>
    /// While true the device stays online but answers nothing: live reads, sets and service calls to it time out, as
    /// with a device that hangs.
    /// </summary>
    public void SetDeviceSilent(string productId, string deviceName, bool silent) => Server.SetDeviceSilent(productId, deviceName, silent);

    /// <summary>Has the device raise an event now (kept in its event history, and published to watchers).</summary>
    public void EmitEvent(string productId, string deviceName, string identifier, System.Collections.IDictionary? value = null) =>
        Server.EmitEventAsync(productId, deviceName, identifier,
            value?.Keys.Cast<object>().ToDictionary(k => k.ToString()!, k => PowerShellValues.Unwrap(value[k]))).GetAwaiter().GetResult();

    /// <summary>Publishes <paramref name="count"/> property reports from every online device; returns how many.</summary>
    public int EmitPropertyReports(int count) => Server.EmitPropertyReportsAsync(count).GetAwaiter().GetResult();

    /// <summary>
    /// True once a client (a watch, for example) has subscribed to this topic: a script that publishes for a watch in
    /// another runspace waits for this rather than sleeping, since the platform keeps nothing for late subscribers.
    /// </summary>
    public bool HasSubscribers(string topic) => Server.HasSubscribers(topic);

    /// <summary>Publishes any text on any topic, as a faulty platform would.</summary>
    public void InjectPayload(string topic, string payload) =>
        Server.InjectAsync(topic, Encoding.UTF8.GetBytes(payload)).GetAwaiter().GetResult();

    /// <summary>Publishes raw bytes (for example invalid UTF-8) on any topic.</summary>
    public void InjectPayload(string topic, byte[] payload) => Server.InjectAsync(topic, payload).GetAwaiter().GetResult();

    /// <summary>The platform's time (tokens are checked against it); moved ahead by <see cref="AdvanceClock"/>.</summary>
    public DateTimeOffset Now => Server.Clock.GetUtcNow();

    /// <summary>
    /// Jumps the platform's time ahead, for sessions connected with -Simulator too: tokens expire and the backoff sees
    /// a long-stable link, without waiting.
    /// </summary>
    public void AdvanceClock(TimeSpan by) => Server.Clock.Advance(by);

    /// <summary>While true every new connection is refused with CONNACK 4, as when the platform revokes the key.</summary>
    public bool RefuseAllLogins
    {
        get => Server.RefuseAllLogins;
        set => Server.RefuseAllLogins = value;
    }

    public void DropAllConnections() => Server.DropAllConnectionsAsync().GetAwaiter().GetResult();
    public void StopListener() => Server.StopListenerAsync().GetAwaiter().GetResult();
    public void StartListener() => Server.StartListenerAsync().GetAwaiter().GetResult();
    public void RestartListener() => Server.RestartListenerAsync().GetAwaiter().GetResult();

    public override string ToString() => $"OneNET simulator {Id} at {Endpoint} ({DeviceCount} devices, {(IsRunning ? "running" : "stopped")})";
}
