#Requires -Version 7.4
# The module as a flood receiver: Watch-OneNetDevice -Count N | Measure-Object (or | ForEach-Object { $_.Properties }
# | Measure-Object), timed inside pwsh after Connect-OneNet, with the process CPU time the watch took.
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [Parameter(Mandatory)][int] $Port,
    [Parameter(Mandatory)][int] $Count,
    [ValidateSet('Measure', 'Properties')][string] $Consumer = 'Measure',
    [int] $Devices = 10,
    [string] $Product = 'BenchProduct',
    # Long enough for 10,000 msgs/s (a third of the slowest rate seen); a watch that lost messages ends there
    [int] $TimeoutSec = [math]::Max(20, [math]::Ceiling($Count / 10000))
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$key = [Convert]::ToBase64String([byte[]]::new(32))
$connectTime = Measure-Command { $session = Connect-OneNet -UserId 1 -AccessKey $key -Server 127.0.0.1 -Port $Port }
$names = 0..($Devices - 1) | ForEach-Object { 'dev{0:D2}' -f $_ }
# Starts the flood once the watch has subscribed to every device.
$trigger = Start-ThreadJob {
    $s = $using:session
    while ($s.SubscriptionCount -lt $using:Devices) { Start-Sleep -Milliseconds 5 }
    $at = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds()
    & mosquitto_pub -h 127.0.0.1 -p $using:Port -t bench/start -m go
    $at
}
$process = [Diagnostics.Process]::GetCurrentProcess()
$cpuBefore = $process.TotalProcessorTime
# What the JIT spent while the watch ran (on any thread): the warm-up share of a short flood.
$jitBefore = [Runtime.JitInfo]::GetCompilationTime($false)
$methodsBefore = [Runtime.JitInfo]::GetCompiledMethodCount($false)
$received = if ($Consumer -eq 'Measure') {
    (Watch-OneNetDevice $Product $names -MessageType Property -Count $Count -TimeoutSec $TimeoutSec -WarningVariable warnings | Measure-Object).Count
}
else {
    (Watch-OneNetDevice $Product $names -MessageType Property -Count $Count -TimeoutSec $TimeoutSec -WarningVariable warnings | ForEach-Object { $_.Properties } | Measure-Object).Count
}
$doneAt = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds()
$process.Refresh()
$cpuMs = ($process.TotalProcessorTime - $cpuBefore).TotalMilliseconds
$jitMs = ([Runtime.JitInfo]::GetCompilationTime($false) - $jitBefore).TotalMilliseconds
$jitMethods = [Runtime.JitInfo]::GetCompiledMethodCount($false) - $methodsBefore
$startedAt = $trigger | Receive-Job -Wait -AutoRemoveJob
[GC]::Collect()
[ordered]@{
    heapAfter      = [GC]::GetTotalMemory($true)
    workingSetAfter = ([Diagnostics.Process]::GetCurrentProcess()).WorkingSet64
    received       = $received
    startedAt      = $startedAt
    doneAt         = $doneAt
    cpuMs          = [math]::Round($cpuMs)
    jitMs          = [math]::Round($jitMs)
    jitMethods     = $jitMethods
    peakWorkingSet = $process.PeakWorkingSet64
    connectMs      = [math]::Round($connectTime.TotalMilliseconds, 1)
    warnings       = @($warnings | ForEach-Object { "$_" })
} | ConvertTo-Json -Compress
