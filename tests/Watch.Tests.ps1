BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:sim, $script:product, $script:session = Start-TestSimulator -DeviceCount 4 -ReportIntervalMs 100
}

AfterAll { Stop-TestSimulator }

Describe 'Watch-OneNetDevice' {
    It 'stops after -Count messages, typed' {
        $messages = @(Watch-OneNetDevice -ProductId $product -DeviceName device0001 -MessageType Property -Count 3 -TimeoutSec 20)
        $messages.Count | Should -Be 3
        $messages | ForEach-Object { $_ | Should -BeOfType ([OneNetStudio.OneNetPropertyMessage]) }
        $messages[0].Properties.temperature.Value | Should -BeOfType ([double])
        $messages[0].Properties.humidity.Value | Should -BeOfType ([long])
        $messages[0].Json | Should -Match '"notifyType":"property"'
        $session.SubscriptionCount | Should -Be 0
    }

    It 'stops after -TimeoutSec when nothing arrives' {
        $elapsed = Measure-Command { $out = Watch-OneNetDevice $product device0001 -MessageType Event -TimeoutSec 1 }
        $out | Should -BeNullOrEmpty
        $elapsed.TotalSeconds | Should -BeGreaterOrEqual 0.9
        $elapsed.TotalSeconds | Should -BeLessThan 5
    }

    It 'sees a device going offline' {
        $later = Invoke-Later { param($s, $p) $s.SetDeviceOnline($p, 'device0002', $false) } $sim, $product -Simulator $sim -Topic "`$sys/$product/device0002/thing/lifecycle"
        $message = Watch-OneNetDevice $product device0002 -MessageType Lifecycle -Count 1 -TimeoutSec 10
        $null = Complete-Later $later
        $message | Should -BeOfType ([OneNetStudio.OneNetLifecycleMessage])
        $message.Status | Should -Be 'Offline'
        $message.Time | Should -BeOfType ([DateTimeOffset])
        $sim.SetDeviceOnline($product, 'device0002', $true)
    }

    It 'writes one row per property with -Expand, ready for Export-Csv' {
        $csv = Join-Path $TestDrive 'values.csv'
        $sim.Devices | Watch-OneNetDevice -MessageType Property -Expand -Count 4 -TimeoutSec 20 | Export-Csv $csv -NoTypeInformation
        $rows = Import-Csv $csv
        $rows.Count | Should -Be (4 * $sim.Devices[0].Properties.Count) -Because 'each of the 4 reports carries every property the device has a value for'
        ($rows[0].PSObject.Properties.Name) | Should -Be @('ProductId', 'DeviceName', 'Name', 'Value', 'Time')
        $rows.Name | Should -Contain 'temperature'
    }

    It 'returns promptly under Select-Object -First and releases its subscriptions' {
        $elapsed = Measure-Command { $first = $sim.Devices | Watch-OneNetDevice | Select-Object -First 3 }
        @($first).Count | Should -Be 3
        $elapsed.TotalSeconds | Should -BeLessThan 5
        $session.SubscriptionCount | Should -Be 0
    }

    It 'stops promptly when the pipeline is stopped (Ctrl+C)' {
        $ps = New-ModulePowerShell
        $null = $ps.AddCommand('Watch-OneNetDevice').AddParameter('ProductId', $product).AddParameter('DeviceName', 'device0003').AddParameter('Session', $session).AddParameter('MessageType', 'Event')
        $handle = $ps.BeginInvoke()
        Wait-Until { $session.SubscriptionCount -ne 0 } -TimeoutSec 10
        $session.SubscriptionCount | Should -Be 1
        $elapsed = Measure-Command { $ps.Stop() }
        # Typically well under 100 ms; the bound only has to tell "stopped" from "kept watching" on a loaded machine.
        $elapsed.TotalSeconds | Should -BeLessThan 2
        # Stop() returns once the pipeline stopped; the async result is completed just after, on the pipeline's thread.
        $handle.AsyncWaitHandle.WaitOne(3000) | Should -BeTrue
        $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        $session.SubscriptionCount | Should -Be 0
        $ps.Dispose()
    }

    It 'reports a malformed payload as an error and keeps streaming' {
        $topic = "`$sys/$product/device0004/thing/event"
        $later = Invoke-Later { param($s, $t) $s.InjectPayload($t, '{this is not json'); $s.InjectPayload($t, '{"notifyType":"event","data":{"params":{"alarm":{"value":{"level":3},"time":1}}}}') } $sim, $topic -Simulator $sim -Topic $topic
        $message = Watch-OneNetDevice $product device0004 -MessageType Event -Count 1 -TimeoutSec 10 -ErrorVariable problems -ErrorAction SilentlyContinue
        $null = Complete-Later $later
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'OneNetMalformedMessage,*'
        $problems[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $problems[0].TargetObject.Topic | Should -Be $topic
        $problems[0].TargetObject.Text | Should -Be '{this is not json'
        $message.Events.alarm.Value.level | Should -Be 3
    }

    It 'tells a group session which devices it may not watch, and watches the others' {
        $group = Connect-OneNet -Simulator $sim -Scope Group
        try {
            $inside = $sim.Devices | Where-Object InGroup | Select-Object -First 1
            $outside = $sim.Devices | Where-Object { -not $_.InGroup } | Select-Object -First 1
            $messages = Watch-OneNetDevice $product $inside.DeviceName, $outside.DeviceName -MessageType Property -Count 2 -TimeoutSec 10 -Session $group -ErrorVariable problems -ErrorAction SilentlyContinue
            $problems.Count | Should -Be 1
            $problems[0].FullyQualifiedErrorId | Should -BeLike 'OneNetSubscriptionRefused,*'
            $problems[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
            $problems[0].TargetObject | Should -Be "$product/$($outside.DeviceName)"
            "$($problems[0])" | Should -Match $outside.DeviceName
            @($messages).Count | Should -Be 2
            $messages.DeviceName | Sort-Object -Unique | Should -Be $inside.DeviceName
        }
        finally {
            $group | Disconnect-OneNet
        }
    }

    It 'refuses a device name that cannot form a topic and watches the rest' {
        $messages = Watch-OneNetDevice $product 'bad/name', device0001 -MessageType Property -Count 1 -TimeoutSec 10 -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'OneNetInvalidDeviceName,*'
        $problems[0].TargetObject | Should -Be 'bad/name'
        $messages.DeviceName | Should -Be 'device0001'
    }

    It 'keeps one watch''s subscriptions when another watch of the same device ends' {
        $ps = New-ModulePowerShell
        $null = $ps.AddCommand('Watch-OneNetDevice').AddParameter('ProductId', $product).AddParameter('DeviceName', 'device0001').AddParameter('Session', $session).AddParameter('MessageType', 'Property').AddParameter('TimeoutSec', 3)
        $handle = $ps.BeginInvoke()
        Wait-Until { $session.SubscriptionCount -ne 0 } -TimeoutSec 10
        $null = Watch-OneNetDevice $product device0001 -MessageType Property -Count 1 -TimeoutSec 5
        $session.SubscriptionCount | Should -Be 1
        $received = $ps.EndInvoke($handle)
        $received.Count | Should -BeGreaterThan 15
        $session.SubscriptionCount | Should -Be 0
        $ps.Dispose()
    }

    It 'warns with counts when the pipeline is slower than the stream' {
        $later = Invoke-Later { param($s) $null = $s.EmitPropertyReports(50) } $sim -Simulator $sim -Topic "`$sys/$product/device0001/thing/property"
        $null = Watch-OneNetDevice $product device0001 -MessageType Property -QueueCapacity 2 -BackpressureSec 0 -TimeoutSec 3 -WarningVariable warnings -WarningAction SilentlyContinue |
            ForEach-Object { Start-Sleep -Milliseconds 100 }
        $null = Complete-Later $later
        $warnings.Count | Should -BeGreaterThan 0
        "$($warnings[-1])" | Should -Match '\d+ of \d+ message\(s\) were dropped'
    }

    It 'holds back the broker instead of losing messages when the pipeline is only a little slow' {
        $later = Invoke-Later { param($s) $null = $s.EmitPropertyReports(40) } $sim -Simulator $sim -Topic "`$sys/$product/device0001/thing/property"
        $seen = Watch-OneNetDevice $product device0001 -MessageType Property -QueueCapacity 2 -TimeoutSec 4 -WarningVariable warnings -WarningAction SilentlyContinue |
            Where-Object { $_.Properties.Count -gt 0 } | ForEach-Object { Start-Sleep -Milliseconds 20; $_ }
        $null = Complete-Later $later
        $warnings | Should -BeNullOrEmpty
        @($seen).Count | Should -BeGreaterOrEqual 40
    }

    It 'ends when the session is closed' {
        $other = Connect-OneNet -Simulator $sim
        # Closed once the watch has subscribed.
        $later = Invoke-Later { param($s, $m) Import-Module $m; Disconnect-OneNet -Session $s } $other, $modulePath -Simulator $sim -Topic "`$sys/$product/device0001/thing/event"
        $elapsed = Measure-Command { Watch-OneNetDevice $product device0001 -MessageType Event -Session $other -TimeoutSec 20 }
        $null = Complete-Later $later
        $elapsed.TotalSeconds | Should -BeLessThan 5
        $other | Disconnect-OneNet -ErrorAction SilentlyContinue
    }

    It 'ends with a ConnectionError when the link is lost and the session does not reconnect' {
        $other = Connect-OneNet -Simulator $sim -NoReconnect
        # The link drops once the watch has subscribed.
        $later = Invoke-Later { param($s) $s.DropAllConnections() } $sim -Simulator $sim -Topic "`$sys/$product/device0001/thing/event"
        $elapsed = Measure-Command { Watch-OneNetDevice $product device0001 -MessageType Event -Session $other -TimeoutSec 20 -ErrorVariable problems -ErrorAction SilentlyContinue }
        $null = Complete-Later $later
        $elapsed.TotalSeconds | Should -BeLessThan 5
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'OneNetConnectionLost,*'
        $problems[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        $other.State | Should -Be 'Closed'
        $other.LastError | Should -Match 'lost'
        Get-OneNetSession | Disconnect-OneNet
        $script:session = $sim | Connect-OneNet
    }

    It 'fails clearly without a session' {
        $ps = New-ModulePowerShell
        $null = $ps.AddScript({ try { Watch-OneNetDevice -ProductId p -DeviceName device0001 -TimeoutSec 5; 'no error' } catch { $_.FullyQualifiedErrorId; $_.Exception.Message } })
        $result = $ps.Invoke()
        $ps.Dispose()
        $result[0] | Should -BeLike 'OneNetNoSession,*'
        $result[1] | Should -Match 'Connect-OneNet'
    }
}

Describe 'Watch-OneNetDevice over a large fleet' {
    It 'receives from every one of 1,000 devices' {
        $big = Start-OneNetSimulator -DeviceCount 1000 -ReportIntervalMs 250 -EventProbability 0
        $bigSession = $big | Connect-OneNet
        try {
            # Until every device has been heard from: a fixed -Count could be used up by the early devices while the
            # subscriptions for the later ones are still on their way.
            $seen = [System.Collections.Generic.HashSet[string]]::new()
            $devices = $big.Devices | Watch-OneNetDevice -MessageType Property -TimeoutSec 60 -Session $bigSession |
                Where-Object { $seen.Add($_.DeviceName) } | Select-Object -First 1000
            @($devices).Count | Should -Be 1000
            $bigSession.SubscriptionCount | Should -Be 0
        }
        finally {
            $bigSession | Disconnect-OneNet
            $big | Stop-OneNetSimulator
        }
    }
}
