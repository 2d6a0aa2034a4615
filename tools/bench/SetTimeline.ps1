#Requires -Version 7.4
<#
.SYNOPSIS
    What the runtime went through during the bench's fleet sets: one run of N piped Set-OneNetProperty calls against
    mosquitto and the bench's instant responder, as SetRequester.ps1 times them, with the runtime's own events heard
    inside the same pwsh (RuntimeTimeline in the bench cmdlets): each collection by phase, tiered compilation's
    pauses and backlog, when PowerShell's binding trace calls were recompiled, and the bytes allocated by type.
.DESCRIPTION
    A diagnostic, not part of the bench's table. Build the bench first (build.ps1 Bench builds both projects), then:
        dotnet pwsh tools/bench/SetTimeline.ps1
    -Discard writes the replies into a list of latencies instead of holding them, to see what the replies add to
    what a collection keeps.
#>
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../../out/OneNetStudio/OneNetStudio.psd1'),
    [string] $BenchExe = (Join-Path $PSScriptRoot '../../bench/OneNetStudio.Bench/bin/Release/net10.0/OneNetStudio.Bench'),
    [string] $CmdletsPath = (Join-Path $PSScriptRoot '../../bench/OneNetStudio.Bench.Cmdlets/bin/Release/net8.0/OneNetStudio.Bench.Cmdlets.dll'),
    [int] $Count = 10000,
    [int] $ThrottleLimit = 256,
    [string] $MethodFilter = 'PSTraceSource::WriteLine',
    [int] $TopTypes = 20,
    [switch] $Discard
)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'Start-Broker.ps1')
$broker = Start-Broker
$responder = $null
try {
    $start = [Diagnostics.ProcessStartInfo]::new($BenchExe)
    foreach ($a in 'responder', '--port', $broker.Port) { $start.ArgumentList.Add([string]$a) }
    $start.RedirectStandardInput = $true; $start.RedirectStandardError = $true
    $responder = [Diagnostics.Process]::Start($start)
    if ($responder.StandardError.ReadLine() -ne 'responder: ready') { throw 'the responder did not start' }

    Import-Module $CmdletsPath
    $timeline = [OneNetStudio.Bench.Cmdlets.RuntimeTimeline]::new()
    $timeline.MethodFilter = $MethodFilter
    Import-Module $ModulePath
    $null = Connect-OneNet -UserId 1 -AccessKey ([Convert]::ToBase64String([byte[]]::new(32))) -Server 127.0.0.1 -Port $broker.Port
    $items = foreach ($i in 0..($Count - 1)) {
        [pscustomobject]@{ ProductId = 'BenchProduct'; DeviceName = 'dev{0:D5}' -f $i; Property = @{ humidity = $i % 100 } }
    }
    [GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
    $allocatedBefore = [GC]::GetTotalAllocatedBytes($true)
    $timeline.Start()
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $latencies = [Collections.Generic.List[double]]::new()
    if ($Discard) {
        $items | Set-OneNetProperty -ThrottleLimit $ThrottleLimit -SkipModelCheck | ForEach-Object { $latencies.Add($_.Elapsed.TotalMilliseconds) }
    }
    else {
        $replies = $items | Set-OneNetProperty -ThrottleLimit $ThrottleLimit -SkipModelCheck
    }
    $elapsed = $clock.Elapsed.TotalMilliseconds
    $lines = $timeline.Stop()
    $allocated = [GC]::GetTotalAllocatedBytes($true) - $allocatedBefore
    if (-not $Discard) { $replies | ForEach-Object { $latencies.Add($_.Elapsed.TotalMilliseconds) } }
    $sorted = [double[]]$latencies.ToArray(); [Array]::Sort($sorted)

    '{0:N0} sets in {1:N0} ms; {2:N0} B allocated per set; p50 {3:N1} ms, p99 {4:N1} ms' -f $sorted.Count, $elapsed,
        ($allocated / $Count), $sorted[[int]($sorted.Count / 2)], $sorted[[int]($sorted.Count * 0.99)]
    ''
    'Timeline (ms from the first set):'
    $lines
    ''
    "Allocated by type (the runtime's allocation ticks, bytes per set):"
    $timeline.AllocatedByType() | Select-Object -First $TopTypes | ForEach-Object { '{0,8:N0}  {1}' -f ($_.Value / $Count), $_.Key }
    $timeline.Dispose()
}
finally {
    if ($responder) { $responder.StandardInput.Close(); $null = $responder.WaitForExit(5000); if (-not $responder.HasExited) { $responder.Kill() } }
    $broker.Process | Stop-Process -Force -ErrorAction Ignore
    Remove-Item $broker.Dir -Recurse -Force -ErrorAction Ignore
}
