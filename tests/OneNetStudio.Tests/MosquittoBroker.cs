using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace OneNetStudio.Tests;

/// <summary>
/// Debian's mosquitto broker on a free loopback port, for interop tests against a broker we did not write. build.ps1
/// installs it in CI; elsewhere the tests that need it are skipped (in CI its absence fails them).
/// </summary>
internal sealed class MosquittoBroker : IAsyncDisposable
{
    private readonly string _directory;
    private Process? _process;

    private MosquittoBroker(string executable, int port, (string Certificate, string Key)? tls)
    {
        Executable = executable;
        Port = port;
        _directory = Directory.CreateTempSubdirectory("onenet-mosquitto-").FullName;
        var tlsLines = tls is { } files ? $"certfile {files.Certificate}\nkeyfile {files.Key}\n" : "";
        File.WriteAllText(ConfigPath, $"""
            listener {port} 127.0.0.1
            {tlsLines}allow_anonymous true
            persistence false
            max_queued_messages 100000
            log_dest none
            """);
    }

    public string Executable { get; }
    public string Host => IPAddress.Loopback.ToString();
    public int Port { get; }
    private string ConfigPath => Path.Combine(_directory, "mosquitto.conf");

    public static string? FindExecutable() =>
        new[] { "/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto" }.FirstOrDefault(File.Exists);

    /// <summary>
    /// Skips the test when mosquitto is missing, except in CI, where that is a failure. With <paramref name="tls"/>
    /// (PEM certificate and key) the listener speaks TLS only.
    /// </summary>
    public static async Task<MosquittoBroker> StartOrSkipAsync((string Certificate, string Key)? tls = null)
    {
        var executable = FindExecutable();
        if (executable is null)
        {
            Assert.True(Environment.GetEnvironmentVariable("CI") is null, "mosquitto is not installed; build.ps1 Test installs it in CI (as root).");
            Skip.If(true, "mosquitto is not installed (build.ps1 Test installs it when run as root).");
        }
        var broker = new MosquittoBroker(executable!, Loopback.FreePort(), tls);
        await broker.StartAsync();
        return broker;
    }

    public async Task StartAsync()
    {
        _process = Process.Start(new ProcessStartInfo(Executable, ["-c", ConfigPath])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("mosquitto did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>Kills the broker as a crash would: no DISCONNECT, sockets reset.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
