# Tab completion of the cmdlets' parameters: device names, product ids and enum values.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:sim, $script:product, $script:session = Start-TestSimulator -DeviceCount 4
}

AfterAll { Stop-TestSimulator }

Describe 'Tab completion' {
    It 'offers the simulator''s device names for -DeviceName' {
        $line = "Set-OneNetProperty -ProductId $product -DeviceName device000"
        $matches = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $matches | Should -Contain 'device0001'
        $matches | Should -Contain 'device0004'
    }

    It 'offers product ids for -ProductId' {
        $line = 'Watch-OneNetDevice -ProductId Sim'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain $product
    }

    It 'offers product ids for -ProductId of <_>' -ForEach 'Get-OneNetThingModel', 'Get-OneNetProduct', 'Get-OneNetDevice' {
        $line = "$_ -ProductId Sim"
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain $product
    }

    It 'offers the parts of a thing model for Get-OneNetThingModel -Part' {
        $line = "Get-OneNetThingModel -ProductId $product -Part "
        $offered = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        foreach ($value in 'Property', 'Event', 'Service') { $offered | Should -Contain $value }
    }

    It 'offers devices the session has set or watched, beyond the simulator''s fleet' {
        $null = Set-OneNetProperty $product remembered-device @{ switch = $true } -ErrorAction SilentlyContinue
        $line = "Watch-OneNetDevice -ProductId $product -DeviceName rem"
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain 'remembered-device'
    }

    It 'offers <Values> for <Parameter>' -ForEach @(
        @{ Line = 'Watch-OneNetDevice -MessageType '; Parameter = '-MessageType'; Values = @('Lifecycle', 'Property', 'Event', 'SetReply') }
        @{ Line = 'Connect-OneNet -Method '; Parameter = '-Method'; Values = @('Md5', 'Sha1', 'Sha256') }
    ) {
        $offered = (TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText
        foreach ($value in $Values) { $offered | Should -Contain $value }
    }
}

Describe 'Tab completion from the platform' {
    BeforeAll {
        # A simulator this runspace does not know of (started in another one): what completion offers for its
        # product can only come from the platform's HTTP API.
        $ps = New-ModulePowerShell
        $null = $ps.AddScript({ Start-OneNetSimulator -ProductId FarProduct -DeviceCount 3 -ReportIntervalMs 3600000 })
        $script:far = $ps.Invoke()[0]
        $script:farRunspace = $ps
    }

    AfterAll {
        $far | Stop-OneNetSimulator
        $farRunspace.Dispose()
    }

    AfterEach { Get-OneNetSession | Where-Object Id -ne $session.Id | Disconnect-OneNet }

    It 'offers the product''s devices from the platform''s device list for -DeviceName' {
        $farSession = Connect-OneNet -Simulator $far
        $line = 'Set-OneNetProperty -ProductId FarProduct -DeviceName device000'
        $offered = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $offered | Should -Be @('device0001', 'device0002', 'device0003')
    }

    It 'offers the identifiers of a thing model the session has not read yet for -Name of <Command>' -ForEach @(
        @{ Command = 'Get-OneNetProperty'; Word = 'hum'; Expected = 'humidity' }
        @{ Command = 'Get-OneNetPropertyHistory'; Word = 'rep'; Expected = 'reportInterval' }
        @{ Command = 'Get-OneNetEventHistory'; Word = 'al'; Expected = 'alarm' }
    ) {
        $farSession = Connect-OneNet -Simulator $far
        $line = "$Command -ProductId FarProduct -DeviceName device0001 -Name $Word"
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be $Expected
    }

    It 'falls back at once to the devices the runspace knows when the API cannot be reached' {
        $down = Connect-OneNet -Simulator $sim -ApiEndpoint "http://127.0.0.1:$(Get-FreePort)"
        $line = "Set-OneNetProperty -ProductId $product -DeviceName device000"
        $offered = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $offered | Should -Contain 'device0001'
        # A second completion does not wait for the API again: the failure is remembered for a while.
        $again = Measure-Command { $null = TabExpansion2 -inputScript $line -cursorColumn $line.Length }
        $again.TotalSeconds | Should -BeLessThan 0.5
    }

    It 'offers request ids from the book of the session named by -Session' {
        $farSession = Connect-OneNet -Simulator $far
        $null = Set-OneNetProperty FarProduct device0001 @{ switch = $true } -RequestId 'far-probe-1' -Session $farSession
        $null = Set-OneNetProperty $product device0001 @{ switch = $true } -RequestId 'near-probe-1' -Session $session
        $line = 'Get-OneNetReply -Session $session -RequestId '
        $offered = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
        $offered | Should -Contain 'near-probe-1'
        $offered | Should -Not -Contain 'far-probe-1'
    }
}
