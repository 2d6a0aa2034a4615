#Requires -Version 7.4
<#
.SYNOPSIS
    The main job on the embedded simulator: called by build.ps1 Demo in a fresh pwsh.
#>
param([Parameter(Mandatory)][string] $ModulePath)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $ModulePath 'OneNetStudio.psd1')

function Show-Step([string] $Text) { Write-Host "`n# $Text" -ForegroundColor Cyan }

Show-Step 'Start the embedded OneNET platform with six devices of two products'
$sim = Start-OneNetSimulator -ProductId SimProduct01, SimProduct02 -DeviceCount 3 -ReportIntervalMs 500 -Seed 7
$sim | Format-Table | Out-Host

Show-Step 'Connect as the simulated user (the key stays a SecureString)'
$session = $sim | Connect-OneNet
Get-OneNetSession | Format-List | Out-Host

Show-Step 'The simulated fleet'
$sim.Devices | Format-Table | Out-Host
$sim.Devices[0].Properties | Format-Table | Out-Host

Show-Step 'Watch three seconds of the fleet''s traffic (typed objects, one table)'
$sim.SetDeviceOnline('SimProduct01', 'device0003', $false)
$sim.Devices | Watch-OneNetDevice -TimeoutSec 3 | Select-Object -First 12 | Format-Table | Out-Host

Show-Step 'The same stream, one row per property, as a script would export it'
$sim.Devices | Watch-OneNetDevice -MessageType Property -Expand -Count 2 | Format-Table | Out-Host

Show-Step 'Set two properties; the reply comes back matched by requestId, then the device reports the new values'
$watch = Start-ThreadJob {
    Import-Module (Join-Path $using:ModulePath 'OneNetStudio.psd1')
    Watch-OneNetDevice SimProduct01 device0001 -MessageType Property -TimeoutSec 3 -Session $using:session |
        Where-Object { $_.Properties.Count -eq 2 } | Select-Object -First 1
}
Start-Sleep -Milliseconds 500
Set-OneNetProperty -ProductId SimProduct01 -DeviceName device0001 -Property @{ temperature = 35.5; Power = 'off' } | Format-Table | Out-Host
$watch | Receive-Job -Wait -AutoRemoveJob | Format-Table | Out-Host

Show-Step 'Set a desired value: the platform stores it, versioned, for the device to pull'
Set-OneNetDesiredProperty SimProduct01 device0002 @{ reportInterval = 60 } | Format-Table | Out-Host
$sim.GetDevice('SimProduct01', 'device0002').DesiredProperties.reportInterval | Format-Table | Out-Host

Show-Step 'A failure reply: the platform does not know the device (an error record, and the reply as output)'
Set-OneNetProperty SimProduct01 device9999 @{ switch = $true } -ErrorVariable failed -ErrorAction SilentlyContinue | Format-Table | Out-Host
Write-Host "$($failed[0].FullyQualifiedErrorId): $($failed[0])" -ForegroundColor Yellow

Show-Step 'The whole fleet at once: fire with -NoWait, collect with Get-OneNetReply (device0003 is offline)'
$sim.Devices | Set-OneNetProperty -Property @{ switch = $true } -NoWait | Get-OneNetReply -Wait -ErrorAction SilentlyContinue | Format-Table | Out-Host

Show-Step 'Ask the platform over HTTP, same session: which products and devices are there?'
Get-OneNetProduct | Format-Table | Out-Host
Get-OneNetDevice -ProductId SimProduct01 | Format-Table | Out-Host

Show-Step 'What a product''s devices can do: its thing model'
Get-OneNetThingModel -ProductId SimProduct01 -Part Property | Format-Table | Out-Host

Show-Step 'Discover -> read -> change -> verify: every online device is to report every 120 s'
$online = Get-OneNetDevice -ProductId SimProduct01 -Status Online
$online | Get-OneNetProperty -Name reportInterval | Format-Table | Out-Host
$online | Get-OneNetProperty -Name reportInterval | Where-Object Value -ne 120 |
    Set-OneNetProperty -Property @{ reportInterval = 120 } | Format-Table | Out-Host
$online | Get-OneNetProperty -Name reportInterval | Format-Table | Out-Host

Show-Step 'A device''s history, straight from the platform'
$sim.EmitPropertyReports(3) | Out-Null
Get-OneNetPropertyHistory SimProduct01 device0001 -Name temperature -Start (Get-Date).AddMinutes(-10) -Descending |
    Select-Object -First 5 | Format-Table | Out-Host

Show-Step 'Desired values: read back with their versions, then removed (version-checked)'
Get-OneNetDesiredProperty SimProduct01 device0002 | Format-Table | Out-Host
Get-OneNetDesiredProperty SimProduct01 device0002 | Remove-OneNetDesiredProperty -PassThru | Format-Table | Out-Host
"Left after the removal: $(@(Get-OneNetDesiredProperty SimProduct01 device0002).Count)" | Out-Host

Show-Step 'Device services: a synchronous call answers at once, an asynchronous one is Pending until its record says more'
Invoke-OneNetService SimProduct01 device0001 -Name calibrate -Parameter @{ offset = 0.5 } | Format-List | Out-Host
Invoke-OneNetService SimProduct01 device0001 -Name upgradeFirmware -Parameter @{ version = '1.1.0' } |
    Get-OneNetServiceRecord -Wait -TimeoutSec 10 | Format-Table | Out-Host

Show-Step 'The platform drops every connection: the session reconnects by itself, with a fresh token'
$sim.DropAllConnections()
$deadline = [datetime]::UtcNow.AddSeconds(15)
while (($session.State -ne 'Connected' -or $session.ReconnectCount -lt 1) -and [datetime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 100 }
$session | Format-List Id, State, ReconnectCount, ConnectedSince, TokenExpiresAt, SubscriptionCount | Out-Host

Show-Step 'A project-group session sees only the group''s devices'
Connect-OneNet -Simulator $sim -Scope Group | Format-Table | Out-Host

Show-Step 'A wrong key is refused with a clear error'
try {
    Connect-OneNet -UserId $sim.UserId -AccessKey ([Convert]::ToBase64String([byte[]]::new(32))) -Server $sim.Host -Port $sim.Port
}
catch {
    Write-Host "$($_.FullyQualifiedErrorId): $_" -ForegroundColor Yellow   # the record as PowerShell shows it, advice included
}

Show-Step 'Simulator counters'
$sim.Counters | Format-List | Out-Host

Show-Step 'The fleet live: Show-OneNetDevice redraws one table in place (a few seconds; q or Ctrl+C ends it sooner)'
$canDraw = -not [Console]::IsOutputRedirected -and $(try { $Host.UI.RawUI.WindowSize.Width -gt 0 } catch { $false })
if ($canDraw) {
    $sim.Devices | Show-OneNetDevice -Session $session -TimeoutSec 6
}
else {
    Write-Host 'Skipped: this terminal cannot draw (output redirected or no console); Watch-OneNetDevice above shows the same messages as objects.' -ForegroundColor Yellow
}

Get-OneNetSession | Disconnect-OneNet
Stop-OneNetSimulator
Write-Host "`nDemo finished." -ForegroundColor Green
