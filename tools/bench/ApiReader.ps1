#Requires -Version 7.4
# Every device's latest values over the simulator's HTTP API, one call per device, -ThrottleLimit at once:
#   Module      Get-OneNetDevice | Get-OneNetProperty -ThrottleLimit N (the session's rate limiter on)
#   PowerShell  ForEach-Object -Parallel -ThrottleLimit N { Invoke-RestMethod } with a token from New-OneNetToken
#               (PowerShell alone: no limiter, so the platform's limit refuses what goes over it)
# The simulator runs in this process and enforces the platform's 100 calls/s; its counters say what it saw.
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [ValidateSet('Module', 'PowerShell')][string] $Contender = 'Module',
    [int] $DeviceCount = 1000,
    [int] $ThrottleLimit = 64
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$sim = Start-OneNetSimulator -DeviceCount $DeviceCount -ReportIntervalMs 3600000 -EventProbability 0
$answered = 0
$clock = [Diagnostics.Stopwatch]::StartNew()
if ($Contender -eq 'Module') {
    $null = Connect-OneNet -Simulator $sim
    $states = Get-OneNetDevice | Get-OneNetProperty -Name temperature -ThrottleLimit $ThrottleLimit -ErrorAction SilentlyContinue
    $answered = @($states).Count
}
else {
    $token = New-OneNetToken -Resource "userid/$($sim.UserId)" -AccessKey $sim.AccessKey -Lifetime (New-TimeSpan -Hours 1)
    $base = "$($sim.ApiEndpoint)/application?action=QueryDeviceProperty&version=1&project_id=$($sim.ProjectId)"
    $answers = $sim.Devices | ForEach-Object -ThrottleLimit $ThrottleLimit -Parallel {
        try {
            $reply = Invoke-RestMethod -Uri "$($using:base)&product_id=$($_.ProductId)&device_name=$($_.DeviceName)" -Headers @{ authorization = $using:token } -SkipHeaderValidation
            $reply.success
        }
        catch { $false }
    }
    $answered = @($answers | Where-Object { $_ }).Count
}
$seconds = $clock.Elapsed.TotalSeconds
$counters = $sim.Counters
Stop-OneNetSimulator
[ordered]@{
    contender          = $Contender
    devices            = $DeviceCount
    throttleLimit      = $ThrottleLimit
    seconds            = [math]::Round($seconds, 2)
    answered           = $answered
    answeredPerSecond  = [math]::Round($answered / $seconds, 1)
    offeredPerSecond   = [math]::Round($counters.ApiCalls / $seconds, 1)
    simulatorCalls     = $counters.ApiCalls
    rateLimited        = $counters.ApiCallsRateLimited
    peakCallsPerSecond = $counters.ApiPeakCallsPerSecond
} | ConvertTo-Json -Compress
