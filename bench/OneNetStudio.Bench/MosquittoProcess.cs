using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace OneNetStudio.Bench;

/// <summary>Debian's mosquitto on a free loopback port, to be killed, stopped, frozen and restarted on the same port.</summary>
internal sealed class MosquittoProcess : IAsyncDisposable
{
    private readonly string _executable;
    private readonly string _directory;
    private Process? _process;

    private MosquittoProcess(string executable)
    {
        _executable = executable;
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        _directory = Directory.CreateTempSubdirectory("onenet-recovery-").FullName;
        File.WriteAllText(Path.Combine(_directory, "mosquitto.conf"), $"listener {Port} 127.0.0.1\nallow_anonymous true\npersistence false\nlog_dest none\n");
    }

    public int Port { get; }

    public static async Task<MosquittoProcess> StartAsync(string executable)
    {
        var broker = new MosquittoProcess(executable);
        await broker.RestartAsync();
        return broker;
    }

    public async Task RestartAsync()
    {
        _process = Process.Start(new ProcessStartInfo(_executable, ["-c", Path.Combine(_directory, "mosquitto.conf")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("mosquitto did not start");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }
        }
    }

    /// <summary>As a crash: no goodbye to anyone.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    /// <summary>As a service stop: SIGTERM, the broker closes its clients' links.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            await SignalAsync("TERM");
            await process.WaitForExitAsync();
        }
    }

    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", _process!.Id.ToString()]);
        await kill.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            await SignalAsync("CONT");
        }
        await KillAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
