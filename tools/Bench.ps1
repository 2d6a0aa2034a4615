#Requires -Version 7.4
<#
.SYNOPSIS
    build.ps1 Bench: the module measured side by side with real peers on this machine, reported as ratios.
.DESCRIPTION
    Starts Debian's mosquitto on a free loopback port and runs, alternating the contenders, -Rounds times each:
      1. watch throughput: for each of -WatchCounts, a flood of ~300-byte property reports at QoS 1 over 10 devices
         from the cheapest publisher there is (pre-encoded PUBLISH packets on a raw socket; its offered rate printed
         beside every result, and flagged when the fastest receiver reaches 90 % of it), received by mosquitto_sub
         (the C anchor), a raw MQTTnet subscriber (the library's ceiling), the same plus the module's MessageParser
         and WatchQueue (the architecture's floor), Watch-OneNetDevice | Measure-Object and | ForEach-Object
         { $_.Properties }; beside them a compiled cmdlet that only writes objects (PowerShell's floor, no MQTT).
         CPU per message for each. Then -Rounds alternating watches of -FlatMemoryBase and of -FlatMemoryCount
         reports: the module's managed heap after a forced full blocking GC (what is retained, not when the GC last
         ran) and its working set after each, medians, to show memory does not grow with N.
      2. fleet sets: for each of -SetCounts, that many sets through a raw MQTTnet requester and through
         Set-OneNetProperty -ThrottleLimit 256 (with the same window), against a responder that answers at once; the
         module checked against the thing model (read from the simulator's API before the clock starts) and with
         -SkipModelCheck; beside them the same objects through the input pipeline alone and through a compiled cmdlet
         with Set-OneNetProperty's parameter binding that only writes one object per input (PowerShell's floors, no
         MQTT). Sets/s, p50/p99 latency, CPU, allocations and collections per set.
      3. start-up: Import-Module over a bare pwsh start, beside importing a binary module with nothing to set up (the
         bench's compiled cmdlets: PowerShell's floor), and the first Connect-OneNet in a fresh pwsh to the local broker.
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
    Prints a table and writes bench/results/<date>.json (<date>-only-<sections>.json when -Skip leaves some out; with the
    time after the date when that file exists).
    Medians throughout.
#>
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [Parameter(Mandatory)][string] $BenchExe,
    # bench/OneNetStudio.Bench.Cmdlets: the compiled cmdlets that only write objects (PowerShell's floors)
    [Parameter(Mandatory)][string] $BenchCmdlets,
    # Watch floods, each run -Rounds times over every contender
    [string] $WatchCounts = '100000,400000',
    [int] $FlatMemoryBase = 200000,
    [int] $FlatMemoryCount = 1000000,
    # Fleet sets, each run -Rounds times over every contender: at 10,000 the module's allocations cross the first
    # young collection's budget and raw MQTTnet's do not; at 30,000 both collect, as a long fleet pipeline does.
    [string] $SetCounts = '10000,30000',
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
$PSStyle.OutputRendering = 'PlainText'
$Skip = @($Skip -split ',' | ForEach-Object Trim)
$manifest = Join-Path $ModulePath 'OneNetStudio.psd1'
$pwshArgs = @(if ([IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' })
$product = 'BenchProduct'
$devices = 0..9 | ForEach-Object { '$sys/{0}/dev{1:D2}/thing/property' -f $product, $_ }

function Get-Median([double[]] $Values) { $sorted = $Values | Sort-Object; $sorted[[int][math]::Floor(($sorted.Count - 1) / 2)] }
function Now { [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds() }

. (Join-Path $PSScriptRoot 'bench/Start-Broker.ps1')

function Start-Flood([int] $Port, [int] $N) {
    $psi = [Diagnostics.ProcessStartInfo]::new($BenchExe)
    foreach ($a in 'flood', '--port', $Port, '--count', $N, '--product', $product) { $psi.ArgumentList.Add([string]$a) }
    $psi.RedirectStandardOutput = $true; $psi.RedirectStandardError = $true
    $flood = [Diagnostics.Process]::Start($psi)
    if ($flood.StandardError.ReadLine() -ne 'flood: ready') { throw 'the flood publisher did not start' }
    $flood
}

# The publisher's own account: offeredPerSec is N over the time from the start signal to the broker's last PUBACK.
function Complete-Flood($flood) {
    if (-not $flood.WaitForExit(300000)) { $flood.Kill(); throw 'the flood publisher did not finish' }
    $flood.StandardOutput.ReadToEnd() | ConvertFrom-Json
}

function New-WatchRun([string] $Receiver, [int] $N, $Result, $Flood) {
    [pscustomobject]@{
        Receiver = $Receiver; Count = $N; Received = $Result.received; Duplicates = $Result.duplicates
        Seconds = [math]::Max(0.001, ($Result.doneAt - $Result.startedAt) / 1000); CpuMs = $Result.cpuMs
        OfferedPerSec = if ($Flood) { $Flood.offeredPerSec } else { $null }
        PeakMB = if ($Result.peakWorkingSet) { [math]::Round($Result.peakWorkingSet / 1MB) } else { $null }
        HeapMB = if ($null -ne $Result.heapAfter) { [math]::Round($Result.heapAfter / 1MB, 1) } else { $null }
        WorkingSetMB = if ($Result.workingSetAfter) { [math]::Round($Result.workingSetAfter / 1MB) } else { $null }
        ConnectMs = $Result.connectMs; Warnings = $Result.warnings; JitMs = $Result.jitMs
    }
}

function Measure-MosquittoSub([int] $Port, [int] $N) {
    $flood = Start-Flood $Port $N
    # mosquitto_sub prints each message; wc counts them, so the C anchor pays no more than a pipe to /dev/null would.
    # bash's `times` then gives its children's CPU time (mosquitto_sub and wc).
    $topics = ($devices | ForEach-Object { "-t '$_'" }) -join ' '
    $psi = [Diagnostics.ProcessStartInfo]::new('bash')
    $psi.ArgumentList.Add('-c')
    $psi.ArgumentList.Add("mosquitto_sub -h 127.0.0.1 -p $Port -q 1 -C $N -W 300 $topics | wc -l; times")
    $psi.RedirectStandardOutput = $true
    $sub = [Diagnostics.Process]::Start($psi)
    Start-Sleep -Milliseconds 1000
    $startedAt = Now
    & mosquitto_pub -h 127.0.0.1 -p $Port -t bench/start -m go
    $lines = [int]$sub.StandardOutput.ReadLine().Trim()
    $doneAt = Now
    $times = $sub.StandardOutput.ReadToEnd() -split "`n" | Where-Object { $_ } | Select-Object -Last 1
    $sub.WaitForExit()
    $cpuMs = ([regex]::Matches($times, '(\d+)m([\d.]+)s') | ForEach-Object { [int]$_.Groups[1].Value * 60000 + [double]$_.Groups[2].Value * 1000 } | Measure-Object -Sum).Sum
    $f = Complete-Flood $flood
    New-WatchRun 'mosquitto_sub' $N ([pscustomobject]@{ received = $lines; startedAt = $startedAt; doneAt = $doneAt; cpuMs = $cpuMs }) $f
}

function Measure-RawSubscriber([int] $Port, [int] $N, [switch] $Parse) {
    $flood = Start-Flood $Port $N
    $result = & $BenchExe raw-sub --port $Port --count $N --product $product --timeout 300 --parse ($Parse ? 'true' : 'false') | ConvertFrom-Json
    $f = Complete-Flood $flood
    $result | Add-Member -Force received $result.unique
    New-WatchRun ($Parse ? 'MQTTnet + parse + queue' : 'raw MQTTnet') $N $result $f
}

function Measure-ParsingSubscriber([int] $Port, [int] $N) { Measure-RawSubscriber $Port $N -Parse }

function Measure-Module([int] $Port, [int] $N, [string] $Consumer = 'Measure') {
    $flood = Start-Flood $Port $N
    $json = & ([Environment]::ProcessPath) @pwshArgs -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot 'bench/WatchReceiver.ps1') -ModulePath $manifest -Port $Port -Count $N -Consumer $Consumer
    $result = ($json | Select-Object -Last 1) | ConvertFrom-Json
    $f = Complete-Flood $flood
    New-WatchRun ($Consumer -eq 'Measure' ? 'Watch | Measure-Object' : 'Watch | % { $_.Properties }') $N $result $f
}

function Measure-ModuleProperties([int] $Port, [int] $N) { Measure-Module $Port $N 'Properties' }

function Measure-CmdletFloor([int] $Port, [int] $N, [string] $Consumer = 'Measure') {
    $json = & ([Environment]::ProcessPath) @pwshArgs -NoProfile -NonInteractive -File (Join-Path $PSScriptRoot 'bench/CmdletFloor.ps1') -CmdletsPath $BenchCmdlets -Count $N -Consumer $Consumer
    $result = ($json | Select-Object -Last 1) | ConvertFrom-Json
    New-WatchRun ($Consumer -eq 'Measure' ? 'cmdlet floor | Measure-Object' : 'cmdlet floor | % { $_.Properties }') $N $result $null
}

function Measure-CmdletFloorProperties([int] $Port, [int] $N) { Measure-CmdletFloor $Port $N 'Properties' }

$results = [ordered]@{
    date    = (Get-Date).ToString('yyyy-MM-dd HH:mm')
    machine = "$([Environment]::ProcessorCount) cores, $([math]::Round([GC]::GetGCMemoryInfo().TotalAvailableMemoryBytes / 1GB)) GB, $([Runtime.InteropServices.RuntimeInformation]::OSDescription)"
}
$broker = Start-Broker
$watch = $null
try {
    if ('Watch' -notin $Skip) {
        $counts = @($WatchCounts -split ',' | ForEach-Object { [int]$_ })
        $watch = [System.Collections.Generic.List[object]]::new()
        $contenders = @('Measure-MosquittoSub', 'Measure-RawSubscriber', 'Measure-ParsingSubscriber', 'Measure-Module', 'Measure-ModuleProperties', 'Measure-CmdletFloor', 'Measure-CmdletFloorProperties')
        foreach ($n in $counts) {
            Write-Host "1. watch throughput: $n reports, $Rounds rounds" -ForegroundColor Cyan
            foreach ($round in 1..$Rounds) {
                # Alternate the order each round, so no contender always runs on a warmer or colder machine.
                $order = if ($round % 2) { $contenders } else { $contenders[($contenders.Count - 1)..0] }
                foreach ($contender in $order) {
                    $r = & $contender $broker.Port $n
                    $r | Add-Member Round $round
                    $watch.Add($r)
                    Write-Host ("   round {0} {1,-34} {2,8:N0} msgs/s  offered {3,8}  {4,5:N1} µs CPU/msg  received {5}" -f $round, $r.Receiver, ($n / $r.Seconds),
                        ($null -ne $r.OfferedPerSec ? ('{0:N0}' -f $r.OfferedPerSec) : 'n/a'), ($r.CpuMs * 1000 / $n), $r.Received)
                }
            }
        }
        $results.watch = foreach ($n in $counts) {
            $rows = foreach ($name in $watch | Where-Object Count -eq $n | ForEach-Object Receiver | Select-Object -Unique) {
                $runs = @($watch | Where-Object { $_.Count -eq $n -and $_.Receiver -eq $name })
                [pscustomobject]@{
                    Count = $n
                    Receiver = $name
                    MsgsPerSec = [math]::Round((Get-Median ($runs | ForEach-Object { $n / $_.Seconds })))
                    OfferedPerSec = if ($null -ne $runs[0].OfferedPerSec) { [math]::Round((Get-Median ($runs.OfferedPerSec))) } else { 'n/a' }
                    CpuUsPerMsg = [math]::Round((Get-Median ($runs | ForEach-Object { $_.CpuMs * 1000 / $n })), 1)
                    Lost = ($runs | Measure-Object { $n - $_.Received } -Maximum).Maximum
                    Duplicates = if ($null -ne $runs[0].Duplicates) { ($runs | Measure-Object Duplicates -Maximum).Maximum } else { 'n/a' }
                    PeakMB = if ($null -ne $runs[0].PeakMB) { Get-Median ($runs | ForEach-Object PeakMB) } else { 'n/a' }
                    JitMs = if ($null -ne $runs[0].JitMs) { Get-Median ($runs | ForEach-Object JitMs) } else { 'n/a' }
                }
            }
            $anchor = ($rows | Where-Object Receiver -eq 'mosquitto_sub').MsgsPerSec
            $raw = ($rows | Where-Object Receiver -eq 'raw MQTTnet').MsgsPerSec
            foreach ($row in $rows) {
                $row | Add-Member VsMosquittoSub ([math]::Round($row.MsgsPerSec / $anchor, 2))
                $row | Add-Member VsRawMQTTnet ([math]::Round($row.MsgsPerSec / $raw, 2))
                # A receiver held at 90 % of what the publisher offered is capped by the publisher (they share the cores):
                # every ratio against it is then an upper bound.
                $row | Add-Member AtOfferedRate ($row.OfferedPerSec -is [string] ? 'n/a' : ($row.MsgsPerSec -ge 0.9 * $row.OfferedPerSec))
                $row
            }
        }
        Write-Host "   memory: $FlatMemoryBase, then $FlatMemoryCount reports, $Rounds rounds (heap after a forced full GC in the watch's pwsh)" -ForegroundColor Cyan
        $memoryRuns = foreach ($round in 1..$Rounds) {
            # Alternate which size goes first, as the throughput rounds do.
            $sizes = if ($round % 2) { @($FlatMemoryBase, $FlatMemoryCount) } else { @($FlatMemoryCount, $FlatMemoryBase) }
            foreach ($size in $sizes) {
                $r = Measure-Module $broker.Port $size
                Write-Host ("   round {0} {1,9:N0} reports: heap {2} MB, working set {3} MB, peak {4} MB, {5:N0} msgs/s, received {6:N0}" -f $round, $size, $r.HeapMB, $r.WorkingSetMB, $r.PeakMB, ($size / $r.Seconds), $r.Received)
                $r
            }
        }
        $base = @($memoryRuns | Where-Object Count -eq $FlatMemoryBase)
        $large = @($memoryRuns | Where-Object Count -eq $FlatMemoryCount)
        $results.flatMemory = [ordered]@{
            counts = @($FlatMemoryBase, $FlatMemoryCount)
            measured = 'median of the rounds; heap = GC.GetTotalMemory(true) after GC.Collect() in the watch''s pwsh (after a full blocking GC), working set at the same moment, peak = the process''s peak working set'
            received = @(($base | Measure-Object Received -Minimum).Minimum, ($large | Measure-Object Received -Minimum).Minimum)
            msgsPerSec = @([math]::Round((Get-Median ($base | ForEach-Object { $FlatMemoryBase / $_.Seconds }))), [math]::Round((Get-Median ($large | ForEach-Object { $FlatMemoryCount / $_.Seconds }))))
            heapAfterMB = @((Get-Median $base.HeapMB), (Get-Median $large.HeapMB)); workingSetAfterMB = @((Get-Median $base.WorkingSetMB), (Get-Median $large.WorkingSetMB)); peakMB = @((Get-Median $base.PeakMB), (Get-Median $large.PeakMB))
            rounds = @($memoryRuns | ForEach-Object { [ordered]@{ count = $_.Count; heapMB = $_.HeapMB; workingSetMB = $_.WorkingSetMB; peakMB = $_.PeakMB; received = $_.Received } })
        }
    }
    if ('Sets' -notin $Skip) {
        $psi = [Diagnostics.ProcessStartInfo]::new($BenchExe)
        foreach ($a in 'responder', '--port', $broker.Port) { $psi.ArgumentList.Add([string]$a) }
        $psi.RedirectStandardInput = $true; $psi.RedirectStandardError = $true
        $responder = [Diagnostics.Process]::Start($psi)
        if ($responder.StandardError.ReadLine() -ne 'responder: ready') { throw 'the responder did not start' }
        # The thing model the sets are checked against comes from the simulator's API, in a process of its own; the
        # sets themselves go through mosquitto to the responder.
        $psi = [Diagnostics.ProcessStartInfo]::new($BenchExe)
        foreach ($a in 'sim-api', '--product', $product, '--user', '1', '--key', [Convert]::ToBase64String([byte[]]::new(32))) { $psi.ArgumentList.Add([string]$a) }
        $psi.RedirectStandardInput = $true; $psi.RedirectStandardError = $true
        $simApi = [Diagnostics.Process]::Start($psi)
        $ready = $simApi.StandardError.ReadLine()
        if ($ready -notmatch '^sim-api: ready (\S+)$') { throw "the simulator's API did not start: $ready" }
        $apiEndpoint = $Matches[1]
        $setScript = Join-Path $PSScriptRoot 'bench/SetRequester.ps1'
        function Invoke-SetScript([string[]] $Arguments) {
            $json = & ([Environment]::ProcessPath) @pwshArgs -NoProfile -NonInteractive -File $setScript -Count $setCount @Arguments
            ($json | Select-Object -Last 1) | ConvertFrom-Json
        }
        $setContenders = [ordered]@{
            'raw MQTTnet' = { & $BenchExe raw-set --port $broker.Port --count $setCount --window 256 --devices $setCount --product $product | ConvertFrom-Json }
            'Set-OneNetProperty' = { Invoke-SetScript @('-Contender', 'Module', '-ModulePath', $manifest, '-Port', $broker.Port, '-ApiEndpoint', $apiEndpoint) }
            'Set-OneNetProperty -SkipModelCheck' = { Invoke-SetScript @('-Contender', 'Module', '-ModulePath', $manifest, '-Port', $broker.Port, '-SkipModelCheck') }
            'input pipeline alone' = { Invoke-SetScript @('-Contender', 'Input') }
            'binding floor' = { Invoke-SetScript @('-Contender', 'Floor', '-CmdletsPath', $BenchCmdlets) }
        }
        $names = @($setContenders.Keys)
        $sets = [System.Collections.Generic.List[object]]::new()
        $setSummary = foreach ($setCount in @($setCounts -split ',' | ForEach-Object { [int]$_ })) {
            Write-Host "2. fleet sets: $setCount sets, window 256, $Rounds rounds" -ForegroundColor Cyan
            foreach ($round in 1..$Rounds) {
                $order = if ($round % 2) { $names } else { $names[($names.Count - 1)..0] }
                foreach ($name in $order) {
                    $r = & $setContenders[$name]
                    if ($name -like 'Set-OneNetProperty*') {
                        if ($r.succeeded -ne $setCount) { throw "${name}: only $($r.succeeded) of $setCount sets succeeded" }
                        if ($r.warnings) { throw "${name}: $($r.warnings -join ' ')" }
                    }
                    elseif ($name -ne 'raw MQTTnet' -and $r.sets -ne $setCount) { throw "${name}: $($r.sets) of $setCount objects" }
                    $sets.Add([pscustomobject]@{ Count = $setCount; Requester = $name; Round = $round; SetsPerSec = $setCount / ([math]::Max(1, $r.elapsedMs) / 1000); P50 = $r.p50Ms; P99 = $r.p99Ms; CpuUsPerSet = $r.cpuMs * 1000 / $setCount; RetainedPerSet = $r.retainedPerSet; BytesPerSet = $r.allocatedBytes / $setCount; GcPauseMs = $r.gcPauseMs; Collections = $r.collections; LastYoungGc = $r.lastYoungGc })
                    Write-Host ("   round {0} {1,-36} {2,9:N0} sets/s  {3,6:N1} µs CPU/set  {6,6:N0} B/set  GC pause {7} ms ({8} gen0/1/2{9})  p50 {4} ms  p99 {5} ms" -f $round, $name, $sets[-1].SetsPerSec, $sets[-1].CpuUsPerSet, ($r.p50Ms ?? '-'), ($r.p99Ms ?? '-'), $sets[-1].BytesPerSet, $r.gcPauseMs, $r.collections, ($r.lastYoungGc ? ", the last kept $($r.lastYoungGc.promotedMB) MB" : '') + ($null -ne $r.retainedPerSet ? "; $($r.retainedPerSet) B/set retained" : ''))
                }
            }
            $rows = foreach ($name in $names) {
                $runs = @($sets | Where-Object { $_.Count -eq $setCount -and $_.Requester -eq $name })
                [pscustomobject]@{
                    Count = $setCount
                    Requester = $name
                    SetsPerSec = [math]::Round((Get-Median ($runs.SetsPerSec)))
                    P50Ms = if ($null -ne $runs[0].P50) { Get-Median $runs.P50 } else { 'n/a' }
                    P99Ms = if ($null -ne $runs[0].P99) { Get-Median $runs.P99 } else { 'n/a' }
                    CpuUsPerSet = [math]::Round((Get-Median ($runs.CpuUsPerSet)), 1)
                    BytesPerSet = [math]::Round((Get-Median ($runs.BytesPerSet)))
                    GcPauseMs = Get-Median ($runs.GcPauseMs)
                    Collections = ($runs.Collections | Group-Object -NoElement | Sort-Object Count -Descending | Select-Object -First 1).Name
                    KeptMB = if ($runs | Where-Object LastYoungGc) { Get-Median @($runs | Where-Object LastYoungGc | ForEach-Object { $_.LastYoungGc.promotedMB }) } else { 'n/a' }
                    RetainedPerSet = if ($null -ne $runs[0].RetainedPerSet) { Get-Median ($runs.RetainedPerSet) } else { 'n/a' }
                }
            }
            $rawSets = ($rows | Where-Object Requester -eq 'raw MQTTnet').SetsPerSec
            $rows | ForEach-Object { $_ | Add-Member VsRawMQTTnet ([math]::Round($_.SetsPerSec / $rawSets, 2)) }
            $rows
        }
        $responder.StandardInput.Close()
        $simApi.StandardInput.Close()
        $null = $responder.WaitForExit(10000)
        $null = $simApi.WaitForExit(10000)
        $results.sets = $setSummary
        $results.setRuns = $sets
    }
    if ('Startup' -notin $Skip) {
    Write-Host '3. start-up' -ForegroundColor Cyan
        # Alternating, so that a busier moment of the machine does not land on one of the three only. Connect-OneNet is
        # timed inside a fresh pwsh that has just imported the module: its first connection, cold code and all.
        $key = [Convert]::ToBase64String([byte[]]::new(32))
        $connectScript = "Import-Module '$manifest'; (Measure-Command { `$null = Connect-OneNet -UserId 1 -AccessKey '$key' -Server 127.0.0.1 -Port $($broker.Port) }).TotalMilliseconds.ToString([cultureinfo]::InvariantCulture); exit"
        $bare = [System.Collections.Generic.List[double]]::new(); $import = [System.Collections.Generic.List[double]]::new(); $connect = [System.Collections.Generic.List[double]]::new()
        # The floor: PowerShell importing a binary module that has nothing to set up (the bench's compiled cmdlets).
        $importFloor = [System.Collections.Generic.List[double]]::new()
        foreach ($i in 1..5) {
            $bare.Add((Measure-Command { & ([Environment]::ProcessPath) @pwshArgs -NoProfile -NonInteractive -Command 'exit' }).TotalMilliseconds)
            $importFloor.Add((Measure-Command { & ([Environment]::ProcessPath) @pwshArgs -NoProfile -NonInteractive -Command "Import-Module '$BenchCmdlets'; exit" }).TotalMilliseconds)
            $import.Add((Measure-Command { & ([Environment]::ProcessPath) @pwshArgs -NoProfile -NonInteractive -Command "Import-Module '$manifest'; exit" }).TotalMilliseconds)
            $connect.Add([double](& ([Environment]::ProcessPath) @pwshArgs -NoProfile -NonInteractive -Command $connectScript | Select-Object -Last 1))
        }
        $results.startup = [ordered]@{
            bareStartMs = [math]::Round((Get-Median $bare))
            importModuleMs = [math]::Round((Get-Median $import) - (Get-Median $bare))
            importFloorMs = [math]::Round((Get-Median $importFloor) - (Get-Median $bare))
            connectMs = [math]::Round((Get-Median $connect), 1)
            runs = [ordered]@{ bareMs = @($bare | ForEach-Object { [math]::Round($_) }); importFloorMs = @($importFloor | ForEach-Object { [math]::Round($_) }); importMs = @($import | ForEach-Object { [math]::Round($_) }); connectMs = @($connect | ForEach-Object { [math]::Round($_, 1) }) }
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
foreach ($group in $results.watch | Group-Object Count) {
    Write-Host "`nWatch throughput ($($group.Name) reports of ~300 bytes, QoS 1, 10 devices; median of $Rounds)" -ForegroundColor Green
    $group.Group | Format-Table Receiver, MsgsPerSec, OfferedPerSec, VsMosquittoSub, VsRawMQTTnet, CpuUsPerMsg, JitMs, Lost, Duplicates, PeakMB -AutoSize | Out-String -Width 200 | Write-Host
    $fastest = $group.Group | Where-Object { $_.AtOfferedRate -eq $true } | Sort-Object MsgsPerSec -Descending | Select-Object -First 1
    if ($fastest) {
        Write-Host ("  UPPER BOUND: {0} received at {1:P0} of the rate the publisher offered; the publisher, not the receiver, set that pace," -f $fastest.Receiver, ($fastest.MsgsPerSec / $fastest.OfferedPerSec)) -ForegroundColor Yellow
        Write-Host '  so every ratio against it overstates the others.' -ForegroundColor Yellow
    }
}
Write-Host '  OfferedPerSec: the raw-socket publisher''s rate (N over start to the broker''s last PUBACK). CpuUsPerMsg: the receiver''s process CPU'
Write-Host '  time from the start signal to the last message, over N. JitMs: what the JIT compiled meanwhile in the watch''s pwsh (its warm-up;'
Write-Host '  PowerShell as a dotnet tool ships without ReadyToRun code). The cmdlet floor has no MQTT: a compiled cmdlet writing N objects.'
$m = $results.flatMemory
Write-Host ("Module memory after a watch of {0:N0} and {1:N0} reports (median of $Rounds; heap after a full blocking GC): managed heap {2} MB and {3} MB, working set {4} MB and {5} MB (peak {6} MB and {7} MB); received {8:N0} and {9:N0}" -f `
    $m.counts[0], $m.counts[1], $m.heapAfterMB[0], $m.heapAfterMB[1], $m.workingSetAfterMB[0], $m.workingSetAfterMB[1], $m.peakMB[0], $m.peakMB[1], $m.received[0], $m.received[1])
}
if ($results.Contains('sets')) {
foreach ($group in $results.sets | Group-Object Count) {
    Write-Host "`nFleet sets ($($group.Name), window 256, instant responder; median of $Rounds)" -ForegroundColor Green
    $group.Group | Format-Table Requester, SetsPerSec, VsRawMQTTnet, P50Ms, P99Ms, CpuUsPerSet, BytesPerSet, GcPauseMs, Collections, KeptMB, RetainedPerSet -AutoSize | Out-String -Width 220 | Write-Host
}
Write-Host '  CpuUsPerSet: the requester''s process CPU time over the timed window, over N; BytesPerSet: managed bytes allocated; GcPauseMs:'
Write-Host '  the time the GC stopped the requester inside the window (each pwsh collects what its setup built before the clock);'
Write-Host '  Collections: gen0/1/2 collections inside the window (a young collection stops the requester mostly to copy what it'
Write-Host '  keeps, so one that falls inside the window is the p99; tools/bench/SetTimeline.ps1 shows its phases); KeptMB: what the'
Write-Host '  last young collection kept (copied); RetainedPerSet: heap growth after a full GC with the replies still held, over N.'
Write-Host '  Set-OneNetProperty checks each set against the thing model it read from the simulator''s API before the clock'
Write-Host '  started; -SkipModelCheck does not. The input pipeline'
Write-Host '  (the same objects into Measure-Object) and the binding floor (a compiled cmdlet with Set-OneNetProperty''s parameters that'
Write-Host '  writes one object per input) have no MQTT: what PowerShell alone charges for the same objects.'
}
if ($results.Contains('startup')) {
Write-Host 'Start-up' -ForegroundColor Green
Write-Host ("  bare pwsh {0} ms; Import-Module adds {1} ms (a binary module with nothing to set up, PowerShell's floor: {3} ms); Connect-OneNet, the first in a fresh pwsh, to the local broker {2} ms" -f $results.startup.bareStartMs, $results.startup.importModuleMs, $results.startup.connectMs, $results.startup.importFloorMs)
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
# Nor one of the same day's runs that the README may cite: a second run of the day gets the time as well.
if (Test-Path $file) { $file = Join-Path $ResultsPath ("{0}{1}.json" -f (Get-Date -Format 'yyyy-MM-dd-HHmm'), $suffix) }
$results | ConvertTo-Json -Depth 5 | Set-Content $file
Write-Host "Results written to $file"
