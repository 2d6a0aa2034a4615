#Requires -Version 7.4
# The module as a fleet requester: N objects piped into Set-OneNetProperty -ThrottleLimit W against an instant responder,
# and its two floors on the same N objects: the input pipeline alone (the objects piped into Measure-Object) and a
# compiled cmdlet with Set-OneNetProperty's parameter binding that only writes one object per input. Only the pipeline
# is timed: the objects are built, the session connected and the thing model read before the clock starts.
param(
    [ValidateSet('Module', 'Input', 'Floor')][string] $Contender = 'Module',
    [string] $ModulePath,
    [string] $CmdletsPath,
    [int] $Port,
    [Parameter(Mandatory)][int] $Count,
    [int] $ThrottleLimit = 256,
    [string] $Product = 'BenchProduct',
    # The simulator's API, where the session reads the product's thing model to check the values against
    [string] $ApiEndpoint,
    [switch] $SkipModelCheck
)
$ErrorActionPreference = 'Stop'
$items = foreach ($i in 0..($Count - 1)) {
    [pscustomobject]@{ ProductId = $Product; DeviceName = 'dev{0:D5}' -f $i; Property = @{ humidity = $i % 100 } }
}
$warnings = @()
switch ($Contender) {
    'Module' {
        Import-Module $ModulePath
        $key = [Convert]::ToBase64String([byte[]]::new(32))
        $connect = @{ UserId = 1; AccessKey = $key; Server = '127.0.0.1'; Port = $Port }
        if ($ApiEndpoint) { $connect.ApiEndpoint = $ApiEndpoint }
        $null = Connect-OneNet @connect
        if (-not $SkipModelCheck) {
            # The session keeps the model it read: the timed sets check against it without asking again.
            $null = Get-OneNetThingModel -ProductId $Product -WarningVariable +warnings -ErrorVariable +warnings -ErrorAction SilentlyContinue
        }
    }
    'Floor' { Import-Module $CmdletsPath }
}
# What the setup left behind (the objects above, the module's start) is collected now, not charged to the first
# collection inside the timed window.
[GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
$heapBefore = [GC]::GetTotalMemory($true)
$process = [Diagnostics.Process]::GetCurrentProcess()
$allocatedBefore = [GC]::GetTotalAllocatedBytes($true)
$pauseBefore = [GC]::GetTotalPauseDuration()
$collectionsBefore = 0..2 | ForEach-Object { [GC]::CollectionCount($_) }
$cpuBefore = $process.TotalProcessorTime
$clock = [Diagnostics.Stopwatch]::StartNew()
$replies = switch ($Contender) {
    'Module' { $items | Set-OneNetProperty -ThrottleLimit $ThrottleLimit -SkipModelCheck:$SkipModelCheck -WarningVariable +warnings }
    'Input' { ($items | Measure-Object).Count }
    'Floor' { $items | Set-BenchProperty -ThrottleLimit $ThrottleLimit -SkipModelCheck:$SkipModelCheck }
}
$elapsed = $clock.Elapsed.TotalMilliseconds
$process.Refresh()
$cpuMs = ($process.TotalProcessorTime - $cpuBefore).TotalMilliseconds
$allocated = [GC]::GetTotalAllocatedBytes($true) - $allocatedBefore
$gcPause = ([GC]::GetTotalPauseDuration() - $pauseBefore).TotalMilliseconds
$youngCollections = [GC]::CollectionCount(0) - $collectionsBefore[0]
$collections = (0..2 | ForEach-Object { [GC]::CollectionCount($_) - $collectionsBefore[$_] }) -join '/'
# What the last young-generation collection had to keep (and so copy): what its pause is made of.
$ephemeral = [GC]::GetGCMemoryInfo([GCKind]::Ephemeral)
# What stays once the replies are in: the heap after a full collection, over what it was before the clock.
$heapAfter = [GC]::GetTotalMemory($true)
$result = [ordered]@{
    sets      = $Contender -eq 'Input' ? $replies : @($replies).Count
    succeeded = $null
    elapsedMs = [math]::Round($elapsed)
    cpuMs     = [math]::Round($cpuMs)
    allocatedBytes = $allocated
    gcPauseMs = [math]::Round($gcPause)
    collections = $collections
    retainedPerSet = [math]::Round(($heapAfter - $heapBefore) / $Count)
    lastYoungGc = if ($youngCollections -gt 0) { [ordered]@{ promotedMB = [math]::Round($ephemeral.PromotedBytes / 1MB, 1); heapMB = [math]::Round($ephemeral.HeapSizeBytes / 1MB, 1) } }
    p50Ms     = $null
    p99Ms     = $null
    warnings  = @($warnings | ForEach-Object { "$_" })
}
if ($Contender -eq 'Module') {
    $latencies = [double[]]($replies | ForEach-Object { $_.Elapsed.TotalMilliseconds }) | Sort-Object
    $result.succeeded = @($replies | Where-Object Status -eq Succeeded).Count
    $result.p50Ms = [math]::Round($latencies[[int]($latencies.Count / 2)], 2)
    $result.p99Ms = [math]::Round($latencies[[int]($latencies.Count * 0.99)], 2)
}
$result | ConvertTo-Json -Compress
