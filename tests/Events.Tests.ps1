# Register-OneNetEvent: messages as PowerShell engine events.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:sim, $script:product, $script:session = Start-TestSimulator -DeviceCount 4 -ReportIntervalMs 200
}

AfterAll { Stop-TestSimulator }

Describe 'Register-OneNetEvent' {
    It 'raises engine events that Wait-Event receives, typed' {
        Register-OneNetEvent $product device0003 -MessageType Lifecycle -SourceIdentifier OneNetOffline -MessageData 'site-7'
        try {
            $sim.SetDeviceOnline($product, 'device0003', $false)
            $received = Wait-Event -SourceIdentifier OneNetOffline -Timeout 10
            $received | Should -Not -BeNullOrEmpty
            $received.SourceEventArgs.Message | Should -BeOfType ([OneNetStudio.OneNetLifecycleMessage])
            $received.SourceEventArgs.Message.Status | Should -Be Offline
            $received.MessageData | Should -Be 'site-7'
            $received.SourceEventArgs.Session | Should -Be $session
            $received | Remove-Event
        }
        finally {
            Unregister-Event OneNetOffline
            $sim.SetDeviceOnline($product, 'device0003', $true)
        }
    }

    It 'runs an -Action per message, and Unregister-Event releases the subscriptions' {
        $before = $session.SubscriptionCount
        $job = Register-OneNetEvent $product device0001 -MessageType Property -SourceIdentifier OneNetReadings -Action { $EventArgs.Message.DeviceName }
        $job | Should -BeOfType ([System.Management.Automation.PSEventJob])
        $session.SubscriptionCount | Should -Be ($before + 1)
        Wait-Until { @($job | Receive-Job -Keep).Count -ge 2 }
        Unregister-Event OneNetReadings
        Wait-Until { $session.SubscriptionCount -eq $before }
        ($job | Receive-Job) | Select-Object -Unique | Should -Be 'device0001'
    }

    It 'ends when its session closes, freeing the source identifier' {
        $other = Connect-OneNet -Simulator $sim
        Register-OneNetEvent $product device0002 -MessageType Lifecycle -SourceIdentifier OneNetClosing -Session $other
        Get-EventSubscriber -SourceIdentifier OneNetClosing | Should -Not -BeNullOrEmpty
        $other | Disconnect-OneNet
        Get-EventSubscriber -SourceIdentifier OneNetClosing -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Register-OneNetEvent $product device0002 -MessageType Lifecycle -SourceIdentifier OneNetClosing
        Unregister-Event OneNetClosing
    }

    It 'refuses a source identifier already in use' {
        Register-EngineEvent -SourceIdentifier OneNetTaken -Action { }
        try {
            { Register-OneNetEvent $product device0001 -SourceIdentifier OneNetTaken -ErrorAction Stop } | Should -Throw -ErrorId 'OneNetEventSubscriptionExists,*'
        }
        finally { Unregister-Event OneNetTaken }
    }
}
