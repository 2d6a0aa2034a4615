#Requires -Version 7.4
# PowerShell's floor under the watch: a compiled cmdlet that only writes -Count objects, into the same consumers
# WatchReceiver.ps1 uses. No MQTT: the rate is how fast PowerShell alone moves objects, with the CPU it took.
param(
    [Parameter(Mandatory)][string] $CmdletsPath,
    [Parameter(Mandatory)][int] $Count,
    [ValidateSet('Measure', 'Properties')][string] $Consumer = 'Measure'
)
$ErrorActionPreference = 'Stop'
Import-Module $CmdletsPath
$process = [Diagnostics.Process]::GetCurrentProcess()
$cpuBefore = $process.TotalProcessorTime
$startedAt = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds()
$received = if ($Consumer -eq 'Measure') {
    (Send-BenchMessage -Count $Count | Measure-Object).Count
}
else {
    (Send-BenchMessage -Count $Count | ForEach-Object { $_.Properties } | Measure-Object).Count
}
$doneAt = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds()
$process.Refresh()
[ordered]@{
    received  = $received
    startedAt = $startedAt
    doneAt    = $doneAt
    cpuMs     = [math]::Round(($process.TotalProcessorTime - $cpuBefore).TotalMilliseconds)
} | ConvertTo-Json -Compress
