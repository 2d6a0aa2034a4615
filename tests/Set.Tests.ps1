BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    # A platform that never answers, on its own session (not the current one).
    $script:silent = Start-OneNetSimulator -DeviceCount 3 -ReportIntervalMs 3600000 -NoSetReply -NoDesiredReply
    $script:silentSession = Connect-OneNet -Simulator $silent

    $script:sim, $script:product, $script:session = Start-TestSimulator -DeviceCount 6
}

AfterAll { Stop-TestSimulator }

Describe 'Set-OneNetProperty' {
    It 'sets properties, keeping their types, and returns the Succeeded reply' {
        $reply = Set-OneNetProperty -ProductId $product -DeviceName device0001 -Property @{ temperature = 30.0; Power = 'off'; switch = $true; humidity = 61 }
        $reply | Should -BeOfType ([OneNetStudio.OneNetSetReply])
        $reply.Status | Should -Be Succeeded
        $reply.Success | Should -BeTrue
        $reply.Kind | Should -Be Property
        $reply.RequestId | Should -Match '^[0-9a-f]{32}$'
        $reply.Elapsed | Should -BeOfType ([timespan])
        $values = $sim.GetDevice($product, 'device0001').Properties
        $values.temperature | Should -Be 30.0
        $values.temperature | Should -BeOfType ([double])
        $values.Power | Should -Be 'off'
        $values.switch | Should -BeTrue
        $values.humidity | Should -Be 61
    }

    It 'echoes a custom -RequestId' {
        (Set-OneNetProperty $product device0001 @{ humidity = 40 } -RequestId 'my-request-1').RequestId | Should -Be 'my-request-1'
        (Get-OneNetReply -RequestId 'my-request-1').Status | Should -Be Succeeded
    }

    # -SkipModelCheck: the platform's own refusals (Fleet.Checks.Tests covers the module's checks before sending).
    It 'reports <Case> as a Failed reply and a OneNetSetFailed error' -ForEach @(
        @{ Case = 'an unknown device'; Device = 'nosuchdevice'; Property = @{ switch = $true }; Code = 'deviceNotFound'; Category = 'ObjectNotFound' }
        @{ Case = 'a wrong type'; Device = 'device0001'; Property = @{ temperature = 'hot' }; Code = 'dataTypeError'; Category = 'InvalidArgument' }
        @{ Case = 'a read-only property'; Device = 'device0001'; Property = @{ firmwareVersion = '9.9' }; Code = 'badRequest'; Category = 'InvalidArgument' }
        @{ Case = 'an unknown identifier'; Device = 'device0001'; Property = @{ colour = 'red' }; Code = 'identifierNotExist'; Category = 'InvalidArgument' }
    ) {
        $reply = Set-OneNetProperty $product $Device $Property -SkipModelCheck -ErrorVariable failures -ErrorAction SilentlyContinue
        $reply.Status | Should -Be Failed
        $reply.Success | Should -BeFalse
        $reply.Code | Should -Be $Code
        $reply.Message | Should -Not -BeNullOrEmpty
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'OneNetSetFailed,*'
        $failures[0].CategoryInfo.Category | Should -Be $Category
        $failures[0].TargetObject | Should -Be $reply
    }

    It 'reports an offline device as deviceNotOnline' {
        $sim.SetDeviceOnline($product, 'device0006', $false)
        try {
            $reply = Set-OneNetProperty $product device0006 @{ switch = $true } -ErrorAction SilentlyContinue
            $reply.Code | Should -Be 'deviceNotOnline'
        }
        finally { $sim.SetDeviceOnline($product, 'device0006', $true) }
    }

    It 'times out near -TimeoutSec when the platform does not answer' {
        $elapsed = Measure-Command {
            $script:reply = Set-OneNetProperty $silent.ProductId[0] device0001 @{ switch = $true } -TimeoutSec 1 -Session $silentSession -ErrorVariable failures -ErrorAction SilentlyContinue
        }
        $reply.Status | Should -Be TimedOut
        $reply.Code | Should -Be 'Timeout'
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'OneNetReplyTimeout,*'
        $failures[0].CategoryInfo.Category | Should -Be OperationTimeout
        $elapsed.TotalSeconds | Should -BeGreaterOrEqual 0.9
        $elapsed.TotalSeconds | Should -BeLessThan 5
        $silentSession.PendingSetCount | Should -Be 0
    }

    It '-WhatIf publishes nothing and names device and values' {
        # What-if text goes straight to the host, so look at it through a child pwsh's output.
        $script = "Import-Module '$env:ONENET_TEST_MODULE/OneNetStudio.psd1'; `$sim = Start-OneNetSimulator -DeviceCount 1; `$s = `$sim | Connect-OneNet; " +
            "Set-OneNetProperty `$sim.ProductId[0] device0005 @{ humidity = 12 } -WhatIf; Set-OneNetDesiredProperty `$sim.ProductId[0] device0001 @{ reportInterval = 5 } -WhatIf; " +
            "'sets received: ' + (`$sim.Counters.SetsReceived + `$sim.Counters.DesiredSetsReceived); 'subscriptions: ' + `$s.SubscriptionCount"
        $run = Invoke-FreshPwsh -Command $script
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $out = $run.Output
        $out | Should -Match 'Set properties \{"humidity":12\}.*SimProduct01/device0005'
        $out | Should -Match 'Set desired values \{"reportInterval":5\}.*SimProduct01/device0001'
        $out | Should -Match 'sets received: 0'
        $out | Should -Match 'subscriptions: 0'
    }

    It '$WhatIfPreference and $ConfirmPreference still reach ShouldProcess without -WhatIf or -Confirm' {
        # The sets skip ShouldProcess when it could only say yes; a preference that makes it speak must still count.
        $script = "Import-Module '$env:ONENET_TEST_MODULE/OneNetStudio.psd1'; `$sim = Start-OneNetSimulator -DeviceCount 1; `$null = `$sim | Connect-OneNet; " +
            "& { `$WhatIfPreference = `$true; Set-OneNetProperty `$sim.ProductId[0] device0001 @{ humidity = 13 } }; " +
            "try { & { `$ConfirmPreference = 'Medium'; Set-OneNetProperty `$sim.ProductId[0] device0001 @{ humidity = 14 } -ErrorAction Stop } } catch { 'asked to confirm: ' + `$_.Exception.GetType().Name }; " +
            "'sets received: ' + `$sim.Counters.SetsReceived"
        $run = Invoke-FreshPwsh -Command $script
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Output | Should -Match 'What if: .*Set properties \{"humidity":13\}'
        # -NonInteractive: the confirmation ShouldProcess asks for fails instead of being skipped
        $run.Output | Should -Match 'asked to confirm: '
        $run.Output | Should -Match 'sets received: 0'
    }

    It 'names each set in its verbose output under -Verbose' {
        $verbose = Set-OneNetProperty $product device0001 @{ humidity = 16 } -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        ($verbose.Message -join "`n") | Should -Match ('Set properties \{"humidity":16\}.*' + $product + '/device0001')
    }

    It '-ErrorAction Stop stops the pipeline on the first failure' {
        $before = $sim.Counters.SetsReceived
        $devices = 'device0002', 'nosuchdevice', 'device0003', 'device0004'
        { $devices | ForEach-Object { [pscustomobject]@{ ProductId = $product; DeviceName = $_; Property = @{ switch = $true } } } |
            Set-OneNetProperty -ThrottleLimit 1 -ErrorAction Stop } | Should -Throw -ErrorId 'OneNetSetFailed,*'
        $sim.Counters.SetsReceived - $before | Should -Be 2
    }

    It 'turns bad items into parameter errors and goes on with the rest' {
        $items = @(
            [pscustomobject]@{ ProductId = $product; DeviceName = 'device0001'; Property = @{} }
            [pscustomobject]@{ ProductId = $product; DeviceName = 'bad/name'; Property = @{ switch = $true } }
            [pscustomobject]@{ ProductId = $product; DeviceName = 'device0002'; Property = @{ when = [datetime]::Now } }
            [pscustomobject]@{ ProductId = 'bad+product'; DeviceName = 'device0002'; Property = @{ switch = $true } }
            [pscustomobject]@{ ProductId = $product; DeviceName = 'device0003'; Property = @{ humidity = 33 } }
        )
        $replies = $items | Set-OneNetProperty -SkipModelCheck -ErrorVariable failures -ErrorAction SilentlyContinue
        @($replies).Count | Should -Be 1
        $replies.DeviceName | Should -Be 'device0003'
        $replies.Status | Should -Be Succeeded
        $failures.FullyQualifiedErrorId -replace ',.*' | Should -Be @('OneNetInvalidProperty', 'OneNetInvalidDeviceName', 'OneNetInvalidProperty', 'OneNetInvalidProductId')
        $failures | ForEach-Object { $_.CategoryInfo.Category | Should -Be InvalidArgument }
        $failures[1].TargetObject | Should -Be 'bad/name'
    }

    It 'refuses a request id already in flight' {
        $first = Set-OneNetProperty $silent.ProductId[0] device0002 @{ switch = $true } -RequestId dup-1 -NoWait -TimeoutSec 30 -Session $silentSession
        $first.Status | Should -Be Pending
        Set-OneNetProperty $silent.ProductId[0] device0003 @{ switch = $true } -RequestId dup-1 -Session $silentSession -ErrorVariable failures -ErrorAction SilentlyContinue |
            Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'OneNetDuplicateRequestId,*'
        $failures[0].TargetObject | Should -Be 'dup-1'
    }

    It 'returns Pending with -NoWait and Get-OneNetReply collects the replies' {
        $pending = $sim.Devices | Set-OneNetProperty -Property @{ humidity = 44 } -NoWait
        $pending.Count | Should -Be 6
        $pending | ForEach-Object { $_.Status | Should -Be Pending }
        $replies = $pending | Get-OneNetReply -Wait -TimeoutSec 10
        $replies.Count | Should -Be 6
        ($replies | Where-Object Status -eq Succeeded).Count | Should -Be 6
        ($replies.RequestId | Sort-Object) | Should -Be ($pending.RequestId | Sort-Object)
    }

    It '-NoWait still keeps at most -ThrottleLimit sets in flight' {
        $elapsed = Measure-Command {
            $sent = 1..3 | ForEach-Object { [pscustomobject]@{ ProductId = $silent.ProductId[0]; DeviceName = "device000$_"; Property = @{ switch = $true } } } |
                Set-OneNetProperty -NoWait -ThrottleLimit 1 -TimeoutSec 0.6 -Session $silentSession
        }
        $sent.Count | Should -Be 3
        # The platform never answers: each set must time out before the next may go.
        $elapsed.TotalSeconds | Should -BeGreaterThan 1.1
        $sent | Get-OneNetReply -Wait -Session $silentSession -ErrorAction SilentlyContinue | ForEach-Object { $_.Status | Should -Be TimedOut }
    }

    It 'Get-OneNetReply reports an unknown request id' {
        Get-OneNetReply -RequestId 'never-sent' -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'OneNetReplyNotFound,*'
        $failures[0].CategoryInfo.Category | Should -Be ObjectNotFound
    }

    It 'Get-OneNetReply with no request id lists the book, newest first, filtered by status, product and device' {
        $own = Start-OneNetSimulator -DeviceCount 3 -ReportIntervalMs 3600000 -EventProbability 0
        $ownSession = Connect-OneNet -Simulator $own
        try {
            $first = Set-OneNetProperty $own.ProductId[0] device0001 @{ switch = $true } -Session $ownSession
            $second = Set-OneNetProperty $own.ProductId[0] nosuchdevice @{ switch = $true } -Session $ownSession -ErrorAction SilentlyContinue
            $third = Set-OneNetProperty $own.ProductId[0] device0002 @{ switch = $true } -Session $ownSession
            $Error.Clear()
            (Get-OneNetReply -Session $ownSession).RequestId | Should -Be @($third.RequestId, $second.RequestId, $first.RequestId)
            (Get-OneNetReply -Session $ownSession -Status Failed).RequestId | Should -Be $second.RequestId
            (Get-OneNetReply -Session $ownSession -DeviceName 'device*').RequestId | Should -Be @($third.RequestId, $first.RequestId)
            Get-OneNetReply -Session $ownSession -ProductId 'other*' | Should -BeNullOrEmpty
            $Error.Count | Should -Be 0 -Because 'listing the book reports failed replies as objects, not errors'
        }
        finally {
            $ownSession | Disconnect-OneNet
            $own | Stop-OneNetSimulator
        }
    }

    It 'completes -RequestId from the current session''s book' {
        $sent = Set-OneNetProperty $product device0003 @{ switch = $true } -RequestId 'completion-probe-1'
        $line = 'Get-OneNetReply -RequestId completion-pr'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain 'completion-probe-1'
    }

    It 'Get-OneNetReply -Wait -TimeoutSec returns what is still Pending' {
        $sent = Set-OneNetProperty $silent.ProductId[0] device0001 @{ switch = $true } -TimeoutSec 30 -NoWait -Session $silentSession
        $out = $sent | Get-OneNetReply -Wait -TimeoutSec 0.5 -Session $silentSession -ErrorVariable failures -ErrorAction SilentlyContinue
        $out.Status | Should -Be Pending
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'OneNetReplyTimeout,*'
    }

    It 'shows progress when a batch runs longer than two seconds' {
        $ps = New-ModulePowerShell
        $null = $ps.AddScript({
            param($simulator)
            $s = Connect-OneNet -Simulator $simulator
            1..3 | ForEach-Object { [pscustomobject]@{ ProductId = $simulator.ProductId[0]; DeviceName = "device000$_"; Property = @{ switch = $true } } } |
                Set-OneNetProperty -TimeoutSec 4 -ErrorAction SilentlyContinue
            $s | Disconnect-OneNet
        }).AddArgument($silent)
        $replies = $ps.Invoke()
        $replies.Status | Should -Be @('TimedOut', 'TimedOut', 'TimedOut')
        $progress = @($ps.Streams.Progress)
        $progress.Count | Should -BeGreaterThan 0
        $progress[0].Activity | Should -Be 'Setting properties'
        $progress[0].StatusDescription | Should -Match '0 of 3 answered, 3 waiting'
        $progress[-1].RecordType | Should -Be Completed
        $ps.Dispose()
    }

    It 'Ctrl+C stops a batch promptly and leaves nothing pending' {
        $before = $silent.Counters.SetsReceived
        $ps = New-ModulePowerShell
        $null = $ps.AddScript({
            param($simulator)
            $s = Connect-OneNet -Simulator $simulator
            1..3 | ForEach-Object { [pscustomobject]@{ ProductId = $simulator.ProductId[0]; DeviceName = "device000$_"; Property = @{ switch = $true } } } |
                Set-OneNetProperty -TimeoutSec 60
        }).AddArgument($silent)
        $handle = $ps.BeginInvoke()
        Wait-Until { $silent.Counters.SetsReceived -ge $before + 3 } -TimeoutSec 10
        $stopping = Measure-Command { $ps.Stop() }
        $stopping.TotalSeconds | Should -BeLessThan 2
        $ps.Commands.Clear()
        $pending = $ps.AddScript({
            $s = Get-OneNetSession | Select-Object -First 1
            $until = [datetime]::UtcNow.AddSeconds(5)
            while ($s.PendingSetCount -gt 0 -and [datetime]::UtcNow -lt $until) { Start-Sleep -Milliseconds 20 }
            $s.PendingSetCount
        }).Invoke()
        $pending | Should -Be 0
        $ps.Commands.Clear()
        $null = $ps.AddScript({ Get-OneNetSession | Disconnect-OneNet }).Invoke()
        $ps.Dispose()
    }
}

Describe 'Set-OneNetDesiredProperty' {
    It 'stores a desired value and returns Succeeded when the platform answers' {
        $reply = Set-OneNetDesiredProperty $product device0002 @{ reportInterval = 30 }
        $reply.Kind | Should -Be Desired
        $reply.Status | Should -Be Succeeded
        $desired = $sim.GetDevice($product, 'device0002').DesiredProperties
        $desired.reportInterval.Value | Should -Be 30
        $desired.reportInterval.Version | Should -Be 1
    }

    It 'is Accepted, not an error, when no reply comes' {
        $reply = Set-OneNetDesiredProperty $silent.ProductId[0] device0001 @{ reportInterval = 15 } -TimeoutSec 1.5 -Session $silentSession -ErrorVariable failures
        $reply.Status | Should -Be Accepted
        $reply.Success | Should -BeTrue
        $failures | Should -BeNullOrEmpty
    }
}

Describe 'Fleet scale' {
    It 'sets 5,000 piped devices, each with a unique request id, and the simulator holds what was set' {
        $fleet = Start-OneNetSimulator -DeviceCount 5000 -ReportIntervalMs 3600000 -EventProbability 0
        try {
            $fleetSession = Connect-OneNet -Simulator $fleet
            $replies = $fleet.Devices |
                Select-Object ProductId, DeviceName, @{ n = 'Property'; e = { @{ humidity = [int]$_.DeviceName.Substring(6) % 100 } } } |
                Set-OneNetProperty -ThrottleLimit 200 -Session $fleetSession
            $replies.Count | Should -Be 5000
            ($replies | Where-Object Status -ne Succeeded) | Should -BeNullOrEmpty
            ($replies.RequestId | Sort-Object -Unique).Count | Should -Be 5000
            $fleetSession.PendingSetCount | Should -Be 0
            $mismatch = $fleet.Devices | Where-Object { $_.Properties.humidity -ne ([int]$_.DeviceName.Substring(6) % 100) }
            $mismatch | Should -BeNullOrEmpty
            $fleet.Counters.SetsAnswered | Should -Be 5000
        }
        finally {
            $fleetSession | Disconnect-OneNet
            $fleet | Stop-OneNetSimulator
        }
    }
}
