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
