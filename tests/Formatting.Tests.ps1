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
        @{ Type = 'OneNetStudio.OneNetEventValue' }, @{ Type = 'OneNetStudio.OneNetPropertyState' }
    ) {
        $table = (Get-FormatData -TypeName $Type -PowerShellVersion 7.4).FormatViewDefinition | Where-Object { $_.Control -is [System.Management.Automation.TableControl] }
        $table | Should -Not -BeNullOrEmpty
        $headers = $table[0].Control.Headers
        ($headers | Select-Object -SkipLast 1 | Where-Object Width -eq 0) | Should -BeNullOrEmpty -Because 'every column but the last has a fixed width'
    }

    It '<Type> has a list view' -ForEach @(@{ Type = 'OneNetStudio.OneNetSession' }, @{ Type = 'OneNetStudio.OneNetSimulator' }, @{ Type = 'OneNetStudio.OneNetSetReply' }, @{ Type = 'OneNetStudio.OneNetPropertyState' }) {
        (Get-FormatData -TypeName $Type -PowerShellVersion 7.4).FormatViewDefinition.Control | Where-Object { $_ -is [System.Management.Automation.ListControl] } | Should -Not -BeNullOrEmpty
    }

    It 'replies and sessions read well as strings' {
        $reply = Set-OneNetProperty $product device0001 @{ switch = $true }
        "$reply" | Should -Match "^$product/device0001 SetReply: [0-9a-f]{32} Succeeded$"
        "$session" | Should -Match '^OneNET session \d+: userid/\d+ @ 127\.0\.0\.1:\d+ \(Connected\)$'
    }
}
