# Every output of the HTTP cmdlets that names a device pipes, by property name, into the cmdlets that act on devices.
BeforeDiscovery {
    $cases = 'OneNetDevice', 'OneNetPropertyState', 'OneNetPropertyValue', 'OneNetEventValue', 'OneNetDesiredValue', 'OneNetServiceResult', 'OneNetSetReply' |
        ForEach-Object { @{ Type = $_ } }
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:sim, $script:product, $script:session = Start-TestSimulator -DeviceCount 3
    $script:device = 'device0002'
    $null = $sim.EmitPropertyReports(2)
    $sim.EmitEvent($product, $device, 'alarm')
    $null = Set-OneNetDesiredProperty $product $device @{ reportInterval = 30 }
    # One sample of every output type that names a device, all naming $product/$device.
    $script:outputs = [ordered]@{
        OneNetDevice        = Get-OneNetDevice $product -DeviceName $device
        OneNetPropertyState = Get-OneNetProperty $product $device -Name temperature
        OneNetPropertyValue = Get-OneNetPropertyHistory $product $device -Name temperature -Start (Get-Date).AddMinutes(-5) | Select-Object -First 1
        OneNetEventValue    = Get-OneNetEventHistory $product $device -Start (Get-Date).AddMinutes(-5) | Select-Object -First 1
        OneNetDesiredValue  = Get-OneNetDesiredProperty $product $device
        OneNetServiceResult = Invoke-OneNetService $product $device -Name calibrate -Parameter @{ offset = 0.1 }
        OneNetSetReply      = Set-OneNetProperty $product $device @{ switch = $true }
    }
}

AfterAll { Stop-TestSimulator }

Describe 'Pipeline binding from the HTTP side' {
    It 'has a sample of <Type> that names the device' -ForEach $cases {
        $sample = $outputs[$Type]
        $sample | Should -Not -BeNullOrEmpty
        $sample.GetType().Name | Should -Be $Type
        "$($sample.ProductId)/$($sample.DeviceName)" | Should -Be "$product/$device"
    }

    It '<Type> pipes into Get-OneNetProperty' -ForEach $cases {
        $states = @($outputs[$Type] | Get-OneNetProperty -Name humidity)
        $states.Count | Should -Be 1
        "$($states[0].ProductId)/$($states[0].DeviceName)/$($states[0].Name)" | Should -Be "$product/$device/humidity"
    }

    It '<Type> pipes into Set-OneNetProperty' -ForEach $cases {
        $replies = @($outputs[$Type] | Set-OneNetProperty -Property @{ humidity = 41 })
        $replies.Count | Should -Be 1
        $replies[0].Status | Should -Be Succeeded
        $replies[0].DeviceName | Should -Be $device
    }

    It '<Type> pipes into Invoke-OneNetService' -ForEach $cases {
        $results = @($outputs[$Type] | Invoke-OneNetService -Name calibrate -Parameter @{ offset = 0 })
        $results.Count | Should -Be 1
        $results[0].Status | Should -Be Succeeded
        $results[0].DeviceName | Should -Be $device
    }

    It '<Type> pipes into Watch-OneNetDevice' -ForEach $cases {
        $later = Invoke-Later { param($s, $p, $d) $null = $s.EmitPropertyReports(1) } $sim, $product, $device -Simulator $sim -Topic "`$sys/$product/$device/thing/property"
        $messages = @($outputs[$Type] | Watch-OneNetDevice -MessageType Property -Count 1 -TimeoutSec 20)
        $null = Complete-Later $later
        $messages.Count | Should -Be 1
        $messages[0].DeviceName | Should -Be $device
    }
}
