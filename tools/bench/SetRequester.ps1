#Requires -Version 7.4
# The module as a fleet requester: N objects piped into Set-OneNetProperty -ThrottleLimit W against an instant responder.
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [Parameter(Mandatory)][int] $Port,
    [Parameter(Mandatory)][int] $Count,
    [int] $ThrottleLimit = 256,
    [string] $Product = 'BenchProduct'
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$key = [Convert]::ToBase64String([byte[]]::new(32))
$null = Connect-OneNet -UserId 1 -AccessKey $key -Server 127.0.0.1 -Port $Port
$items = foreach ($i in 0..($Count - 1)) {
    [pscustomobject]@{ ProductId = $Product; DeviceName = 'dev{0:D5}' -f $i; Property = @{ humidity = $i % 100 } }
}
$clock = [Diagnostics.Stopwatch]::StartNew()
$replies = $items | Set-OneNetProperty -ThrottleLimit $ThrottleLimit
$elapsed = $clock.Elapsed.TotalMilliseconds
$latencies = [double[]]($replies | ForEach-Object { $_.Elapsed.TotalMilliseconds }) | Sort-Object
[ordered]@{
    sets      = @($replies).Count
    succeeded = @($replies | Where-Object Status -eq Succeeded).Count
    elapsedMs = [math]::Round($elapsed)
    p50Ms     = [math]::Round($latencies[[int]($latencies.Count / 2)], 2)
    p99Ms     = [math]::Round($latencies[[int]($latencies.Count * 0.99)], 2)
} | ConvertTo-Json -Compress
