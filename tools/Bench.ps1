#Requires -Version 7.4
<#
.SYNOPSIS
    build.ps1 Bench: the module measured side by side with real peers on this machine, reported as ratios.
.DESCRIPTION
    Starts Debian's mosquitto on a free loopback port and runs, alternating the contenders, -Rounds times each:
      1. watch throughput: a flood of -Count ~300-byte property reports at QoS 1 over 10 devices, received by
         mosquitto_sub (the C anchor), a raw MQTTnet subscriber (the library's ceiling) and Watch-OneNetDevice.
         Then once more with -FlatMemoryCount reports, to show the module's peak memory does not grow with N.
      2. fleet sets: -SetCount sets through Set-OneNetProperty -ThrottleLimit 256 and through a raw MQTTnet requester
         with the same window, against a responder that answers at once.
      3. start-up: Import-Module over a bare pwsh start, and Connect-OneNet to the local broker.
      4. the simulator: how many devices reporting every second it sustains, and its memory.
      5. recovery: a session with the default reconnect policy watching through one fault every -RecoveryPeriodSec,
         rotating (mosquitto killed and back after 3 s, stopped and back after 15 s, frozen 25 s, links stalled 20 s):
         how soon after the broker is back the watch receives again, and the share of broker-up time it received.
      6. the HTTP API: every device's latest values (one QueryDeviceProperty per device, -ApiDevices devices, 64 at
         once) against the simulator, which enforces the platform's 100 calls/s: Get-OneNetProperty beside the Core
         channel alone (the library's floor), raw HttpClient and PowerShell's own ForEach-Object -Parallel with
         Invoke-RestMethod (no limiter: what the platform turns away).
      7. the live view: what one Show-OneNetDevice frame costs (ms and allocations, rendered off-screen at 120 x 40)
         at -LiveViewSizes devices, beside an empty table and the cost of folding one report into the view's state.
    Prints a table and writes bench/results/<date>.json (<date>-only-<sections>.json when -Skip leaves some out).
    Medians throughout.
#>
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [Parameter(Mandatory)][string] $BenchExe,
    [int] $Count = 200000,
    [int] $FlatMemoryCount = 1000000,
    [int] $SetCount = 10000,
    [int] $Rounds = 3,
    [string] $SimulatorSizes = '5000,10000,20000,40000',
    [string] $ResultsPath = (Join-Path $PSScriptRoot '../bench/results'),
    [int] $RecoveryPeriodSec = 60,
    [int] $RecoveryCycles = 1,
    [int] $ApiDevices = 1000,
    # Fleet sizes for the live view's frame cost
    [string] $LiveViewSizes = '1000,20000',
    # Sections to leave out while iterating: Watch, Sets, Startup, Simulator, Api, Recovery, LiveView
    [string[]] $Skip = @()
)
$ErrorActionPreference = 'Stop'
$Skip = @($Skip -split ',' | ForEach-Object Trim)
$manifest = Join-Path $ModulePath 'OneNetStudio.psd1'
$pwshArgs = @(if ([IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' })
$product = 'BenchProduct'
$devices = 0..9 | ForEach-Object { '$sys/{0}/dev{1:D2}/thing/property' -f $product, $_ }

function Get-Median([double[]] $Values) { $sorted = $Values | Sort-Object; $sorted[[int][math]::Floor(($sorted.Count - 1) / 2)] }
function Now { [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds() }

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

function Start-Flood([int] $Port, [int] $N) {
    $psi = [Diagnostics.ProcessStartInfo]::new($BenchExe)
    foreach ($a in 'flood', '--port', $Port, '--count', $N, '--product', $product) { $psi.ArgumentList.Add([string]$a) }
    $psi.RedirectStandardOutput = $true; $psi.RedirectStandardError = $true
    $flood = [Diagnostics.Process]::Start($psi)
    if ($flood.StandardError.ReadLine() -ne 'flood: ready') { throw 'the flood publisher did not start' }
    $flood
}

function Complete-Flood($flood) {
    if (-not $flood.WaitForExit(300000)) { $flood.Kill(); throw 'the flood publisher did not finish' }
    $flood.StandardOutput.ReadToEnd() | ConvertFrom-Json
}

function Measure-MosquittoSub([int] $Port, [int] $N) {
    $flood = Start-Flood $Port $N
    # mosquitto_sub prints each message; wc counts them, so the C anchor pays no more than a pipe to /dev/null would.
    $topics = ($devices | ForEach-Object { "-t '$_'" }) -join ' '
    $psi = [Diagnostics.ProcessStartInfo]::new('bash')
    $psi.ArgumentList.Add('-c')
    $psi.ArgumentList.Add("mosquitto_sub -h 127.0.0.1 -p $Port -q 1 -C $N -W 300 $topics | wc -l")
    $psi.RedirectStandardOutput = $true
    $sub = [Diagnostics.Process]::Start($psi)
    Start-Sleep -Milliseconds 1000
    $startedAt = Now
    & mosquitto_pub -h 127.0.0.1 -p $Port -t bench/start -m go
    $lines = [int]$sub.StandardOutput.ReadToEnd().Trim()
    $sub.WaitForExit()
    $doneAt = Now
    $null = Complete-Flood $flood
    [pscustomobject]@{ Receiver = 'mosquitto_sub'; Received = $lines; Duplicates = $null; Seconds = ($doneAt - $startedAt) / 1000; PeakMB = $null }
}

function Measure-RawSubscriber([int] $Port, [int] $N) {
    $flood = Start-Flood $Port $N
    $result = & $BenchExe raw-sub --port $Port --count $N --product $product --timeout 300 | ConvertFrom-Json
    $null = Complete-Flood $flood
    [pscustomobject]@{ Receiver = 'raw MQTTnet'; Received = $result.unique; Duplicates = $result.duplicates; Seconds = ($result.doneAt - $result.startedAt) / 1000; PeakMB = [math]::Round($result.peakWorkingSet / 1MB) }
}

function Measure-Module([int] $Port, [int] $N) {
    $flood = Start-Flood $Port $N
    $json = & ([Environment]::ProcessPath) @pwshArgs -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot 'bench/WatchReceiver.ps1') -ModulePath $manifest -Port $Port -Count $N
    $result = ($json | Select-Object -Last 1) | ConvertFrom-Json
    $null = Complete-Flood $flood
    [pscustomobject]@{ Receiver = 'Watch-OneNetDevice'; Received = $result.received; Duplicates = $null; Seconds = ($result.doneAt - $result.startedAt) / 1000; PeakMB = [math]::Round($result.peakWorkingSet / 1MB); HeapMB = [math]::Round($result.heapAfter / 1MB); ConnectMs = $result.connectMs; Warnings = $result.warnings }
}

$results = [ordered]@{
    date    = (Get-Date).ToString('yyyy-MM-dd HH:mm')
    machine = "$([Environment]::ProcessorCount) cores, $([math]::Round([GC]::GetGCMemoryInfo().TotalAvailableMemoryBytes / 1GB)) GB, $([Runtime.InteropServices.RuntimeInformation]::OSDescription)"
    count   = $Count
}
$broker = Start-Broker
$watch = $null
try {
    if ('Watch' -notin $Skip) {
    Write-Host "1. watch throughput: $Count reports, $Rounds rounds" -ForegroundColor Cyan
        $watch = [System.Collections.Generic.List[object]]::new()
        $contenders = @('Measure-MosquittoSub', 'Measure-RawSubscriber', 'Measure-Module')
        foreach ($round in 1..$Rounds) {
            # Alternate the order each round, so no contender always runs on a warmer or colder machine.
            $order = if ($round % 2) { $contenders } else { [array]::Reverse($contenders.Clone()); $contenders[2..0] }
            foreach ($contender in $order) {
                $r = & $contender $broker.Port $Count
                $r | Add-Member Round $round
                $watch.Add($r)
                Write-Host ("   round {0} {1,-20} {2,8:N0} msgs/s  received {3}" -f $round, $r.Receiver, ($Count / $r.Seconds), $r.Received)
            }
        }
        $summary = foreach ($name in 'mosquitto_sub', 'raw MQTTnet', 'Watch-OneNetDevice') {
            $runs = @($watch | Where-Object Receiver -eq $name)
            [pscustomobject]@{
                Receiver = $name
                MsgsPerSec = [math]::Round((Get-Median ($runs | ForEach-Object { $Count / $_.Seconds })))
                Lost = ($runs | Measure-Object { $Count - $_.Received } -Maximum).Maximum
                Duplicates = if ($null -ne $runs[0].Duplicates) { ($runs | Measure-Object Duplicates -Maximum).Maximum } else { 'n/a' }
                PeakMB = if ($null -ne $runs[0].PeakMB) { Get-Median ($runs | ForEach-Object PeakMB) } else { 'n/a' }
            }
        }
        $anchor = ($summary | Where-Object Receiver -eq 'mosquitto_sub').MsgsPerSec
        $summary | ForEach-Object { $_ | Add-Member VsMosquittoSub ([math]::Round($_.MsgsPerSec / $anchor, 2)) }
        $results.watch = $summary
        Write-Host "   and once with $FlatMemoryCount reports, for the module's memory" -ForegroundColor Cyan
        $large = Measure-Module $broker.Port $FlatMemoryCount
        $moduleRuns = @($watch | Where-Object Receiver -eq 'Watch-OneNetDevice')
        $results.flatMemory = [ordered]@{
            count = $FlatMemoryCount; received = $large.Received; msgsPerSec = [math]::Round($FlatMemoryCount / $large.Seconds)
            peakMB = $large.PeakMB; heapAfterMB = $large.HeapMB
            peakMBAtCount = ($summary | Where-Object Receiver -eq 'Watch-OneNetDevice').PeakMB; heapAfterMBAtCount = Get-Median ($moduleRuns | ForEach-Object HeapMB)
        }

    
    }
    if ('Sets' -notin $Skip) {
    Write-Host "2. fleet sets: $SetCount sets, window 256" -ForegroundColor Cyan
        $psi = [Diagnostics.ProcessStartInfo]::new($BenchExe)
        foreach ($a in 'responder', '--port', $broker.Port) { $psi.ArgumentList.Add([string]$a) }
        $psi.RedirectStandardInput = $true; $psi.RedirectStandardError = $true
        $responder = [Diagnostics.Process]::Start($psi)
        if ($responder.StandardError.ReadLine() -ne 'responder: ready') { throw 'the responder did not start' }
        $sets = [System.Collections.Generic.List[object]]::new()
        foreach ($round in 1..$Rounds) {
            $raw = & $BenchExe raw-set --port $broker.Port --count $SetCount --window 256 --devices $SetCount --product $product | ConvertFrom-Json
            $sets.Add([pscustomobject]@{ Requester = 'raw MQTTnet'; SetsPerSec = $SetCount / ($raw.elapsedMs / 1000); P50 = $raw.p50Ms; P99 = $raw.p99Ms })
            $json = & ([Environment]::ProcessPath) @pwshArgs -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot 'bench/SetRequester.ps1') -ModulePath $manifest -Port $broker.Port -Count $SetCount
            $module = ($json | Select-Object -Last 1) | ConvertFrom-Json
            if ($module.succeeded -ne $SetCount) { throw "Set-OneNetProperty: only $($module.succeeded) of $SetCount sets succeeded" }
            $sets.Add([pscustomobject]@{ Requester = 'Set-OneNetProperty'; SetsPerSec = $SetCount / ($module.elapsedMs / 1000); P50 = $module.p50Ms; P99 = $module.p99Ms })
            Write-Host ("   round {0}: raw {1:N0} sets/s, module {2:N0} sets/s" -f $round, $sets[-2].SetsPerSec, $sets[-1].SetsPerSec)
        }
        $responder.StandardInput.Close()
        $null = $responder.WaitForExit(10000)
        $setSummary = foreach ($name in 'raw MQTTnet', 'Set-OneNetProperty') {
            $runs = @($sets | Where-Object Requester -eq $name)
            [pscustomobject]@{ Requester = $name; SetsPerSec = [math]::Round((Get-Median ($runs.SetsPerSec))); P50Ms = Get-Median $runs.P50; P99Ms = Get-Median $runs.P99 }
        }
        $rawSets = ($setSummary | Where-Object Requester -eq 'raw MQTTnet').SetsPerSec
        $setSummary | ForEach-Object { $_ | Add-Member VsRawMQTTnet ([math]::Round($_.SetsPerSec / $rawSets, 2)) }
        $results.sets = $setSummary

    
    }
    if ('Startup' -notin $Skip) {
    Write-Host '3. start-up' -ForegroundColor Cyan
        $bare = foreach ($i in 1..5) { (Measure-Command { & ([Environment]::ProcessPath) @pwshArgs -NoProfile -NonInteractive -Command 'exit' }).TotalMilliseconds }
        $import = foreach ($i in 1..5) { (Measure-Command { & ([Environment]::ProcessPath) @pwshArgs -NoProfile -NonInteractive -Command "Import-Module '$manifest'; exit" }).TotalMilliseconds }
        $results.startup = [ordered]@{
            bareStartMs = [math]::Round((Get-Median $bare))
            importModuleMs = [math]::Round((Get-Median $import) - (Get-Median $bare))
            connectMs = if ($watch) { Get-Median ($watch | Where-Object Receiver -eq 'Watch-OneNetDevice' | ForEach-Object ConnectMs) }
        }

    
    }
    if ('Simulator' -notin $Skip) {
    Write-Host '4. the simulator' -ForegroundColor Cyan
        $capacity = & $BenchExe sim-capacity --devices $SimulatorSizes --seconds 5 | ConvertFrom-Json
        $results.simulator = $capacity
    }
    if ('Api' -notin $Skip) {
    Write-Host "6. the HTTP API: $ApiDevices devices, 64 calls at once, $Rounds rounds" -ForegroundColor Cyan
        $apiRuns = [System.Collections.Generic.List[object]]::new()
        foreach ($round in 1..$Rounds) {
            foreach ($client in 'core', 'raw') {
                $r = & $BenchExe api-reads --devices $ApiDevices --concurrency 64 --client $client | ConvertFrom-Json
                $apiRuns.Add([pscustomobject]@{ Reader = @{ core = 'Core channel'; raw = 'HttpClient, no limit' }[$client]; Run = $r })
            }
            foreach ($contender in 'Module', 'PowerShell') {
                $json = & ([Environment]::ProcessPath) @pwshArgs -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot 'bench/ApiReader.ps1') -ModulePath $manifest -Contender $contender -DeviceCount $ApiDevices -ThrottleLimit 64
                $apiRuns.Add([pscustomobject]@{ Reader = @{ Module = 'Get-OneNetProperty'; PowerShell = 'Invoke-RestMethod' }[$contender]; Run = (($json | Select-Object -Last 1) | ConvertFrom-Json) })
            }
            Write-Host ("   round {0}: " -f $round) ((@($apiRuns)[-4..-1] | ForEach-Object { "{0} {1:N1}/s" -f $_.Reader, $_.Run.answeredPerSecond }) -join ', ')
        }
        $results.api = foreach ($name in 'Get-OneNetProperty', 'Core channel', 'Invoke-RestMethod', 'HttpClient, no limit') {
            $runs = @($apiRuns | Where-Object Reader -eq $name | ForEach-Object Run)
            [pscustomobject]@{
                Reader = $name
                Answered = Get-Median ($runs.answeredPerSecond)
                VsLimit = [math]::Round((Get-Median ($runs.answeredPerSecond)) / 100, 2)
                Offered = Get-Median ($runs.offeredPerSecond)
                Peak = ($runs.peakCallsPerSecond | Measure-Object -Maximum).Maximum
                Refused = ($runs.rateLimited | Measure-Object -Maximum).Maximum
                Devices = ($runs.answered | Measure-Object -Minimum).Minimum
            }
        }
    }
    if ('Recovery' -notin $Skip) {
    Write-Host "5. recovery: one fault every $RecoveryPeriodSec s, $RecoveryCycles cycle(s) of four" -ForegroundColor Cyan
        $exe = @('/usr/sbin/mosquitto', '/usr/bin/mosquitto') | Where-Object { Test-Path $_ } | Select-Object -First 1
        $results.recovery = & $BenchExe recovery --mosquitto $exe --period $RecoveryPeriodSec --cycles $RecoveryCycles | ConvertFrom-Json
    }
    if ('LiveView' -notin $Skip) {
    Write-Host "7. the live view: one Show-OneNetDevice frame (120 x 40) at $LiveViewSizes devices" -ForegroundColor Cyan
        $results.liveView = @(& $BenchExe live-view --devices $LiveViewSizes --frames 200 | ConvertFrom-Json)
    }
    
}
finally {
    $broker.Process | Stop-Process -Force -ErrorAction Ignore
    Remove-Item $broker.Dir -Recurse -Force -ErrorAction Ignore
}

if ($results.Contains('watch')) {
Write-Host "`nWatch throughput ($Count reports of ~300 bytes, QoS 1, 10 devices; median of $Rounds)" -ForegroundColor Green
$results.watch | Format-Table Receiver, MsgsPerSec, VsMosquittoSub, Lost, Duplicates, PeakMB -AutoSize | Out-Host
Write-Host ("Module memory: peak working set {0} MB at {1:N0} reports, {2} MB at {3:N0}; managed heap after the watch {4} MB and {5} MB ({3:N0} at {6:N0} msgs/s, {7:N0} received)" -f `
    $results.flatMemory.peakMBAtCount, $Count, $results.flatMemory.peakMB, $FlatMemoryCount, $results.flatMemory.heapAfterMBAtCount, $results.flatMemory.heapAfterMB, $results.flatMemory.msgsPerSec, $results.flatMemory.received)
}
if ($results.Contains('sets')) {
Write-Host "`nFleet sets ($SetCount, window 256, instant responder; median of $Rounds)" -ForegroundColor Green
$results.sets | Format-Table Requester, SetsPerSec, VsRawMQTTnet, P50Ms, P99Ms -AutoSize | Out-Host
}
if ($results.Contains('startup')) {
Write-Host 'Start-up' -ForegroundColor Green
Write-Host ("  bare pwsh {0} ms; Import-Module adds {1} ms; Connect-OneNet to the local broker {2} ms" -f $results.startup.bareStartMs, $results.startup.importModuleMs, $results.startup.connectMs)
}
if ($results.Contains('simulator')) {
Write-Host "`nSimulator (devices reporting every second)" -ForegroundColor Green
$results.simulator | Format-Table devices, receivedPerSecond, dropped, workingSetMB, sustained -AutoSize | Out-Host
}

if ($results.Contains('api')) {
Write-Host "`nHTTP API reads ($ApiDevices devices, one call each, 64 at once; the platform allows 100 calls/s; median of $Rounds)" -ForegroundColor Green
$results.api | Format-Table Reader, Answered, VsLimit, Offered, Peak, Refused, Devices -AutoSize | Out-Host
Write-Host '  Answered and Offered are calls/s (answered; as the simulator counted arrivals); VsLimit is Answered over the platform''s 100/s,'
Write-Host '  the ceiling here (not the machine); Peak is the busiest second the simulator counted; Refused the calls it answered 429;'
Write-Host '  Devices the fewest devices read in a round. The Core channel is the library''s floor for the module. Readers without a'
Write-Host '  limiter offer far more than the ceiling and are refused the rest: their Answered is not a throughput to compare with.'
}
if ($results.Contains('recovery')) {
Write-Host ("`nRecovery (one fault every {0} s; receiving {1:P1} of the time the broker was up; {2} reconnects)" -f `
    $results.recovery.periodSec, $results.recovery.receivingWhileUp, $results.recovery.reconnects) -ForegroundColor Green
$results.recovery.faults | Format-Table fault, @{ n = 'receiving again after (s)'; e = { $_.recoverySec } } -AutoSize | Out-Host
}

if ($results.Contains('liveView')) {
Write-Host "`nLive view (Show-OneNetDevice: one frame of 120 x 40 rendered off-screen; 200 frames after 5 ten-property reports per device)" -ForegroundColor Green
$results.liveView | Format-Table what, devices, msPerFrameP50, msPerFrameP99, kbAllocatedPerFrame, nsPerReportFolded -AutoSize | Out-Host
Write-Host '  The empty table is the floor (Spectre''s own table); nsPerReportFolded is the state update per report, paid as messages arrive.'
}

$null = New-Item -ItemType Directory -Path $ResultsPath -Force
# A run with sections skipped is named after what it ran, so it never replaces the day's full run.
$ran = @('Watch', 'Sets', 'Startup', 'Simulator', 'Api', 'Recovery', 'LiveView') | Where-Object { $_ -notin $Skip }
$suffix = if ($Skip.Count -gt 0 -and $Skip[0]) { '-only-' + ($ran -join '-').ToLowerInvariant() } else { '' }
$file = Join-Path $ResultsPath ("{0}{1}.json" -f (Get-Date -Format 'yyyy-MM-dd'), $suffix)
$results | ConvertTo-Json -Depth 5 | Set-Content $file
Write-Host "Results written to $file"
