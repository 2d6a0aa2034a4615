# The format views and the string forms of what the cmdlets output.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:sim, $script:product, $script:session = Start-TestSimulator -DeviceCount 1
}

AfterAll { Stop-TestSimulator }

Describe 'Formatting' {
    It '<Type> has a fixed-width table view' -ForEach @(
        @{ Type = 'OneNetStudio.OneNetSession' }, @{ Type = 'OneNetStudio.OneNetSimulator' }, @{ Type = 'OneNetStudio.OneNetSimulatedDevice' },
        @{ Type = 'OneNetStudio.OneNetMessage' }, @{ Type = 'OneNetStudio.OneNetSetReply' }, @{ Type = 'OneNetStudio.OneNetPropertyValue' },
        @{ Type = 'OneNetStudio.OneNetEventValue' }, @{ Type = 'OneNetStudio.OneNetDevice' }, @{ Type = 'OneNetStudio.OneNetProduct' },
        @{ Type = 'OneNetStudio.OneNetThingProperty' }, @{ Type = 'OneNetStudio.OneNetThingEvent' }, @{ Type = 'OneNetStudio.OneNetThingService' },
        @{ Type = 'OneNetStudio.OneNetPropertyState' }, @{ Type = 'OneNetStudio.OneNetDesiredValue' }, @{ Type = 'OneNetStudio.OneNetServiceResult' }
    ) {
        $table = (Get-FormatData -TypeName $Type -PowerShellVersion 7.4).FormatViewDefinition | Where-Object { $_.Control -is [System.Management.Automation.TableControl] }
        $table | Should -Not -BeNullOrEmpty
        $headers = $table[0].Control.Headers
        ($headers | Select-Object -SkipLast 1 | Where-Object Width -eq 0) | Should -BeNullOrEmpty -Because 'every column but the last has a fixed width'
    }

    It '<Type> has a list view' -ForEach @(
        @{ Type = 'OneNetStudio.OneNetSession' }, @{ Type = 'OneNetStudio.OneNetSimulator' }, @{ Type = 'OneNetStudio.OneNetSetReply' },
        @{ Type = 'OneNetStudio.OneNetDevice' }, @{ Type = 'OneNetStudio.OneNetThingModel' }, @{ Type = 'OneNetStudio.OneNetThingEvent' },
        @{ Type = 'OneNetStudio.OneNetThingService' }, @{ Type = 'OneNetStudio.OneNetPropertyState' }, @{ Type = 'OneNetStudio.OneNetServiceResult' }
    ) {
        (Get-FormatData -TypeName $Type -PowerShellVersion 7.4).FormatViewDefinition.Control | Where-Object { $_ -is [System.Management.Automation.ListControl] } | Should -Not -BeNullOrEmpty
    }

    It 'shows a device''s record in its list only when it was read (-Detail)' {
        $plain = Get-OneNetDevice -ProductId $product -DeviceName device0001 | Format-List | Out-String
        $plain | Should -Match 'LastTime\s*:'
        $plain | Should -Not -Match 'Ip\s*:'
        Get-OneNetDevice -ProductId $product -DeviceName device0001 -Detail | Format-List | Out-String | Should -Match 'Ip\s*: 127\.0\.0\.1'
    }

    It 'shows each property''s data type with its range, unit or values' {
        $text = Get-OneNetThingModel $product -Part Property | Format-Table | Out-String -Width 120
        $text | Should -Match 'temperature\s+Temperature\s+ReadWrite\s+float \[-40\.\.85\] °C'
        $text | Should -Match 'mode\s+Mode\s+ReadWrite\s+enum \{0=auto, 1=eco, 2=boost\}'
    }

    It 'lists a thing model''s members by name, and a service''s parameters with their types' {
        Get-OneNetThingModel $product | Format-List | Out-String -Width 200 | Should -Match 'Services\s*: calibrate, upgradeFirmware'
        Get-OneNetThingModel $product -Part Service | Format-Table | Out-String -Width 120 | Should -Match 'calibrate\s+Sync\s+offset: float\s+result: int32, temperature: float'
    }

    It 'replies and sessions read well as strings' {
        $reply = Set-OneNetProperty $product device0001 @{ switch = $true }
        "$reply" | Should -Match "^$product/device0001 SetReply: [0-9a-f]{32} Succeeded$"
        "$session" | Should -Match '^OneNET session \d+: userid/\d+ @ 127\.0\.0\.1:\d+ \(Connected\)$'
    }
}
