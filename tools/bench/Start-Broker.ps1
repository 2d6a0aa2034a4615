# Debian's mosquitto on a free loopback port, for the bench and its diagnostics; the caller stops .Process and removes
# .Dir. Dot-sourced by tools/Bench.ps1 and tools/bench/SetTimeline.ps1.
function Start-Broker {
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start(); $port = $listener.LocalEndpoint.Port; $listener.Stop()
    $dir = (New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "onenet-bench-$([guid]::NewGuid().ToString('N'))")).FullName
    # Unlimited queues so that a slow receiver shows as slow, not as loss; everything else as Debian ships it.
    Set-Content (Join-Path $dir 'mosquitto.conf') "listener $port 127.0.0.1`nallow_anonymous true`npersistence false`nmax_queued_messages 0`nmax_queued_bytes 0`nlog_dest none"
    $exe = @('/usr/sbin/mosquitto', '/usr/bin/mosquitto') | Where-Object { Test-Path $_ } | Select-Object -First 1
    if (-not $exe) { throw 'mosquitto is not installed (build.ps1 Bench installs it when run as root).' }
    $process = Start-Process $exe -ArgumentList '-c', (Join-Path $dir 'mosquitto.conf') -PassThru `
        -RedirectStandardOutput (Join-Path $dir 'out.txt') -RedirectStandardError (Join-Path $dir 'err.txt')
    $deadline = [datetime]::UtcNow.AddSeconds(10)
    while ($true) {
        try { $c = [System.Net.Sockets.TcpClient]::new('127.0.0.1', $port); $c.Dispose(); break }
        catch { if ([datetime]::UtcNow -gt $deadline) { throw 'mosquitto did not start' }; Start-Sleep -Milliseconds 50 }
    }
    [pscustomobject]@{ Process = $process; Port = $port; Dir = $dir }
}
