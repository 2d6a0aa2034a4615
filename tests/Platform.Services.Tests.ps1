# Desired values and device services over the platform's HTTP API, as a user drives them: Get-OneNetDesiredProperty,
# Remove-OneNetDesiredProperty, Invoke-OneNetService and Get-OneNetServiceRecord against the simulator.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    # Devices that never answer: the platform gives up on them after half a second.
    $script:quiet = Start-OneNetSimulator -DeviceCount 3 -ReportIntervalMs 3600000 -DeviceReplyTimeoutMs 500
    $script:quietSession = Connect-OneNet -Simulator $quiet
    $script:quietProduct = $quiet.ProductId[0]
    $quiet.SetDeviceSilent($quietProduct, 'device0002', $true)

    # Devices that keep an asynchronous call pending for a minute.
    $script:slow = Start-OneNetSimulator -DeviceCount 2 -ReportIntervalMs 3600000 -DeviceReplyTimeoutMs 60000
    $script:slowSession = Connect-OneNet -Simulator $slow
    $slow.SetDeviceSilent($slow.ProductId[0], 'device0001', $true)

    # The runspace's current session (connected last): the main simulator's.
    $script:sim, $script:product, $script:session = Start-TestSimulator -DeviceCount 40
    $script:keyText = ConvertFrom-SecureString $sim.AccessKey -AsPlainText
    $script:groupKeyText = ConvertFrom-SecureString $sim.GroupKey -AsPlainText

    function Get-StoredDesired([string] $Device, [string] $Name) {
        $sim.GetDevice($product, $Device).DesiredProperties[$Name]
    }
}

AfterAll {
    Get-OneNetSession | Disconnect-OneNet
    Stop-OneNetSimulator
}

Describe 'Get-OneNetDesiredProperty' {
    BeforeAll {
        Set-OneNetDesiredProperty $product device0001 @{ reportInterval = 60; switch = $true; temperature = 21.5; mode = 2; location = @{ lng = 116.4; lat = 39.9 }; schedule = @(6, 18) } | Out-Null
        Set-OneNetDesiredProperty $product device0001 @{ reportInterval = 90 } | Out-Null
    }

    It 'reads every stored value, typed by the thing model, with its version' {
        $values = @(Get-OneNetDesiredProperty $product device0001)
        $values | Should -HaveCount 6
        $values | ForEach-Object { $_ | Should -BeOfType ([OneNetStudio.OneNetDesiredValue]) }
        $byName = @{}; $values | ForEach-Object { $byName[$_.Name] = $_ }
        $byName.reportInterval.Value | Should -Be 90
        $byName.reportInterval.Value | Should -BeOfType ([int])
        $byName.reportInterval.Version | Should -Be 2
        $byName.switch.Value | Should -BeTrue
        $byName.switch.Value | Should -BeOfType ([bool])
        $byName.switch.Version | Should -Be 1
        $byName.temperature.Value | Should -Be 21.5
        $byName.temperature.Value | Should -BeOfType ([double])
        $byName.mode.Value | Should -Be 2
        $byName.location.Value.lat | Should -Be 39.9
        $byName.location.Value.lng | Should -BeOfType ([double])
        $byName.schedule.Value | Should -Be @(6, 18)
        $values.ProductId | Sort-Object -Unique | Should -Be $product
        $values.DeviceName | Sort-Object -Unique | Should -Be device0001
    }

    It '-Name reads only those properties; one with nothing stored gives nothing' {
        $values = @(Get-OneNetDesiredProperty $product device0001 -Name reportInterval, label)
        $values.Name | Should -Be reportInterval
        @(Get-OneNetDesiredProperty $product device0040) | Should -HaveCount 0
    }

    It 'reports an unknown device as OneNetDeviceNotFound about that device, and goes on' {
        $values = @(Get-OneNetDesiredProperty $product nosuchdevice, device0001 -Name switch -ErrorVariable failures -ErrorAction SilentlyContinue)
        $values.DeviceName | Should -Be device0001
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'OneNetDeviceNotFound,*'
        $failures[0].CategoryInfo.Category | Should -Be ObjectNotFound
        $failures[0].TargetObject | Should -Be nosuchdevice
    }

    It 'reports a product that does not exist once, not once per device' {
        $values = @(Get-OneNetDesiredProperty nosuchproduct device0001, device0002 -ErrorVariable failures -ErrorAction SilentlyContinue)
        $values | Should -HaveCount 0
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'OneNetProductNotFound,*'
        $failures[0].TargetObject | Should -Be nosuchproduct
    }

    It 'reads every device once with -ThrottleLimit below the number of devices' {
        $devices = ($sim.Devices | Where-Object ProductId -eq $product).DeviceName
        $devices | ForEach-Object { [pscustomobject]@{ ProductId = $product; DeviceName = $_ } } | Set-OneNetDesiredProperty -Property @{ label = 'batch' } | Out-Null
        $values = @(Get-OneNetDesiredProperty $product $devices -Name label -ThrottleLimit 3)
        $values | Should -HaveCount $devices.Count
        ($values.DeviceName | Sort-Object) | Should -Be ($devices | Sort-Object)
        $values.Value | Sort-Object -Unique | Should -Be batch
    }
}

Describe 'Remove-OneNetDesiredProperty' {
    BeforeEach {
        Set-OneNetDesiredProperty $product device0002 @{ reportInterval = 60; switch = $false; label = 'x' } | Out-Null
    }
    AfterEach {
        Remove-OneNetDesiredProperty $product device0002 reportInterval, switch, label
    }

    It 'removes a value at its current version and passes it through' {
        $current = Get-OneNetDesiredProperty $product device0002 -Name reportInterval
        $removed = Remove-OneNetDesiredProperty $product device0002 reportInterval -Version $current.Version -PassThru
        $removed | Should -BeOfType ([OneNetStudio.OneNetDesiredValue])
        $removed.Name | Should -Be reportInterval
        $removed.Version | Should -Be $current.Version
        $removed.Value | Should -Be 60
        Get-StoredDesired device0002 reportInterval | Should -BeNullOrEmpty
        Get-StoredDesired device0002 switch | Should -Not -BeNullOrEmpty
    }

    It 'refuses a stale version with a clear error and removes nothing' {
        $read = Get-OneNetDesiredProperty $product device0002 -Name reportInterval
        Set-OneNetDesiredProperty $product device0002 @{ reportInterval = 30 } | Out-Null
        $calls = $sim.Counters.ApiCalls
        $removed = $read | Remove-OneNetDesiredProperty -PassThru -ErrorVariable failures -ErrorAction SilentlyContinue
        $removed | Should -BeNullOrEmpty
        # Refused by the cmdlet itself, so a platform that ignores a stale version silently cannot hide it.
        $sim.Counters.ApiCalls | Should -Be ($calls + 1) -Because 'only the read went to the platform, no removal'
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'OneNetDesiredVersionMismatch,*'
        $failures[0].CategoryInfo.Category | Should -Be InvalidOperation
        $failures[0].TargetObject | Should -BeOfType ([OneNetStudio.OneNetDesiredValue])
        $failures[0].TargetObject.Version | Should -Be ($read.Version + 1)
        $failures[0].TargetObject.Value | Should -Be 30
        "$failures" | Should -Match "reportInterval.+device0002.+version $($read.Version + 1), not at version $($read.Version)"
        $stored = Get-OneNetDesiredProperty $product device0002 -Name reportInterval
        $stored.Version | Should -Be ($read.Version + 1)
        $stored.Value | Should -Be 30
    }

    It 'removes the values still at their version and refuses only the stale one' {
        $read = Get-OneNetDesiredProperty $product device0002
        Set-OneNetDesiredProperty $product device0002 @{ label = 'changed' } | Out-Null
        $removed = @($read | Remove-OneNetDesiredProperty -PassThru -ErrorVariable failures -ErrorAction SilentlyContinue)
        ($removed.Name | Sort-Object) | Should -Be @('reportInterval', 'switch')
        $failures | Should -HaveCount 1
        $failures[0].TargetObject.Name | Should -Be label
        (Get-OneNetDesiredProperty $product device0002).Name | Should -Be label
    }

    It 'says so when the version asked for is gone altogether' {
        Remove-OneNetDesiredProperty $product device0002 label
        Remove-OneNetDesiredProperty $product device0002 label -Version 1 -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'OneNetDesiredValueNotFound,*'
        $failures[0].CategoryInfo.Category | Should -Be ObjectNotFound
        $failures[0].TargetObject | Should -Be "$product/device0002/label"
    }

    It 'refuses a -Version below 1 before asking the platform' {
        Remove-OneNetDesiredProperty $product device0002 switch -Version 0 -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'OneNetInvalidVersion,*'
        $failures[0].CategoryInfo.Category | Should -Be InvalidArgument
        Get-StoredDesired device0002 switch | Should -Not -BeNullOrEmpty
    }

    It '-WhatIf removes nothing and calls nothing' {
        $null = Get-OneNetDesiredProperty $product device0002
        $calls = $sim.Counters.ApiCalls
        Get-OneNetDesiredProperty $product device0002 | Remove-OneNetDesiredProperty -WhatIf
        $sim.Counters.ApiCalls | Should -Be ($calls + 1) -Because 'only the read ran'
        @(Get-OneNetDesiredProperty $product device0002) | Should -HaveCount 3
    }

    It 'removes whatever is stored without -Version, and skips a name with nothing stored' {
        Set-OneNetDesiredProperty $product device0002 @{ switch = $true } | Out-Null
        $removed = @(Remove-OneNetDesiredProperty $product device0002 switch, humidity -PassThru -ErrorVariable failures)
        $failures | Should -HaveCount 0
        $removed.Name | Should -Be switch
        $removed.Value | Should -BeTrue
        Get-StoredDesired device0002 switch | Should -BeNullOrEmpty
    }

    It 'removes exactly what Get-OneNetDesiredProperty read, over several devices' {
        Set-OneNetDesiredProperty $product device0003, device0004 @{ humidity = 50 } | Out-Null
        $read = @(Get-OneNetDesiredProperty $product device0002, device0003, device0004)
        $removed = @($read | Remove-OneNetDesiredProperty -PassThru)
        $removed | Should -HaveCount $read.Count
        @(Get-OneNetDesiredProperty $product device0002, device0003, device0004) | Should -HaveCount 0
    }

    It 'reports an unknown device as OneNetDeviceNotFound and goes on' {
        Remove-OneNetDesiredProperty $product nosuchdevice, device0002 label -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'OneNetDeviceNotFound,*'
        $failures[0].TargetObject | Should -Be nosuchdevice
        Get-StoredDesired device0002 label | Should -BeNullOrEmpty
    }
}

Describe 'Invoke-OneNetService' {
    It 'calls a synchronous service and returns its output, typed by the thing model' {
        $before = $sim.GetDevice($product, 'device0005').Properties.temperature
        $result = Invoke-OneNetService -ProductId $product -DeviceName device0005 -Name calibrate -Parameter @{ offset = 1.5 }
        $result | Should -BeOfType ([OneNetStudio.OneNetServiceResult])
        $result.Status | Should -Be Succeeded
        $result.Success | Should -BeTrue
        $result.CallType | Should -Be Sync
        $result.RequestId | Should -Not -BeNullOrEmpty
        $result.Elapsed | Should -BeOfType ([timespan])
        $result.Output.result | Should -Be 1
        $result.Output.result | Should -BeOfType ([int])
        $result.Output.temperature | Should -BeOfType ([double])
        $result.Output.temperature | Should -Be ([math]::Round($before + 1.5, 1))
        $sim.GetDevice($product, 'device0005').Properties.temperature | Should -Be $result.Output.temperature
    }

    It 'takes -Parameter as <Kind>' -ForEach @(
        @{ Kind = 'a hashtable'; Parameter = @{ offset = 0.5 } }
        @{ Kind = 'an ordered dictionary'; Parameter = [ordered]@{ offset = 0.5 } }
        @{ Kind = 'a pscustomobject'; Parameter = [pscustomobject]@{ offset = 0.5 } }
        @{ Kind = 'a PowerShell-wrapped number'; Parameter = @{ offset = (Write-Output 0.5) } }
    ) {
        $result = Invoke-OneNetService $product device0006 calibrate $Parameter
        $result.Status | Should -Be Succeeded
    }

    It 'starts an asynchronous service as Pending; its record ends Succeeded' {
        $call = Invoke-OneNetService $product device0007 upgradeFirmware @{ version = '2.1.0' }
        $call.Status | Should -Be Pending
        $call.CallType | Should -Be Async
        $call.RequestId | Should -Not -BeNullOrEmpty
        $call.Output | Should -BeNullOrEmpty
        Wait-Until { (Get-OneNetServiceRecord $call.RequestId).Status -eq 'Succeeded' } -Because 'the device answers the call'
        $record = $call | Get-OneNetServiceRecord
        $record.Output.version | Should -Be '2.1.0'
        $record.Code | Should -Be '200'
        $sim.GetDevice($product, 'device0007').Properties.firmwareVersion | Should -Be '2.1.0'
    }

    It 'reports a device that does not answer as a Failed result and an error, without hanging' {
        $elapsed = Measure-Command {
            $script:results = @(Invoke-OneNetService $quietProduct device0001, device0002 calibrate @{ offset = 1 } -Session $quietSession -ErrorVariable failures -ErrorAction SilentlyContinue)
            $script:failures = $failures
        }
        $elapsed.TotalSeconds | Should -BeLessThan 10 -Because 'the platform gives up after half a second'
        ($results | Where-Object DeviceName -eq device0001).Status | Should -Be Succeeded
        $failed = $results | Where-Object DeviceName -eq device0002
        $failed.Status | Should -Be Failed
        $failed.Code | Should -Be callTmService
        $failed.Message | Should -Match 'did not answer'
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'OneNetServiceFailed,*'
        $failures[0].CategoryInfo.Category | Should -Be ResourceUnavailable
        $failures[0].TargetObject | Should -Be $failed
        "$failures" | Should -Match "calibrate on $quietProduct/device0002.+did not answer"
    }

    It 'reports an offline device as a Failed result and an error at once' {
        $sim.SetDeviceOnline($product, 'device0008', $false)
        try {
            $result = Invoke-OneNetService $product device0008 calibrate @{ offset = 1 } -ErrorVariable failures -ErrorAction SilentlyContinue
            $result.Status | Should -Be Failed
            $result.Message | Should -Match 'not online'
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'OneNetServiceFailed,*'
            $failures[0].TargetObject.DeviceName | Should -Be device0008
        }
        finally { $sim.SetDeviceOnline($product, 'device0008', $true) }
    }

    It 'reports an unknown device as OneNetDeviceNotFound and calls the others' {
        $results = @(Invoke-OneNetService $product device0009, nosuchdevice, device0010 calibrate @{ offset = 0.1 } -ErrorVariable failures -ErrorAction SilentlyContinue)
        $results | Should -HaveCount 3
        ($results | Where-Object Status -eq Succeeded).DeviceName | Sort-Object | Should -Be @('device0009', 'device0010')
        ($results | Where-Object Status -eq Failed).Code | Should -Be deviceNotFound
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'OneNetDeviceNotFound,*'
        $failures[0].CategoryInfo.Category | Should -Be ObjectNotFound
        $failures[0].TargetObject.DeviceName | Should -Be nosuchdevice
    }

    It 'with -SkipModelCheck, reports a mistyped input as the platform''s OneNetInvalidParameter' {
        $result = Invoke-OneNetService $product device0009 calibrate @{ offset = 'warm' } -SkipModelCheck -ErrorVariable failures -ErrorAction SilentlyContinue
        $result.Status | Should -Be Failed
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'OneNetInvalidParameter,*'
        "$failures" | Should -Match 'offset'
    }

    It 'refuses a service the thing model does not have, before calling anything' {
        $null = Invoke-OneNetService $product device0009 calibrate @{ offset = 0 }
        $calls = $sim.Counters.ApiCalls
        $result = Invoke-OneNetService $product device0009, device0010 Calibrate @{ offset = 1 } -ErrorVariable failures -ErrorAction SilentlyContinue
        $result | Should -BeNullOrEmpty
        $sim.Counters.ApiCalls | Should -Be $calls
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'OneNetServiceNotFound,*'
        $failures[0].CategoryInfo.Category | Should -Be ObjectNotFound
        $failures[0].TargetObject | Should -Be Calibrate
        "$failures" | Should -Match "calibrate, upgradeFirmware"
    }

    It 'refuses an input the service does not have, naming the nearest one, before calling anything' {
        $calls = $sim.Counters.ApiCalls
        Invoke-OneNetService $product device0009 calibrate @{ ofset = 1 } -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $sim.Counters.ApiCalls | Should -Be $calls
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'OneNetUnknownServiceInput,*'
        $failures[0].CategoryInfo.Category | Should -Be ObjectNotFound
        $failures[0].TargetObject['ofset'] | Should -Be 1
        "$failures" | Should -Match "did you mean 'offset'\?"
        $failures[0].ErrorDetails.RecommendedAction | Should -Be "Use 'offset'."
    }

    It 'refuses a value outside the input''s range, naming the range, before calling anything' {
        $calls = $sim.Counters.ApiCalls
        Invoke-OneNetService $product device0009 calibrate @{ offset = 11 } -ErrorVariable failures -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $sim.Counters.ApiCalls | Should -Be $calls
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'OneNetInvalidServiceInput,*'
        $failures[0].CategoryInfo.Category | Should -Be InvalidArgument
        "$failures" | Should -Match '-10'
        "$failures" | Should -Match '10'

        Invoke-OneNetService $product device0009 calibrate @{ offset = 'warm' } -ErrorVariable wrongType -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $sim.Counters.ApiCalls | Should -Be $calls
        $wrongType[0].FullyQualifiedErrorId | Should -BeLike 'OneNetInvalidServiceInput,*'
        "$wrongType" | Should -Match 'float'
    }

    It 'converts a string that is exactly a number, and -Verbose says so' {
        $result = Invoke-OneNetService $product device0009 calibrate @{ offset = '1.5' } -Verbose 4>&1
        $said = $result | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        "$said" | Should -Match 'offset'
        ($result | Where-Object { $_ -is [OneNetStudio.OneNetServiceResult] }).Status | Should -Be Succeeded
    }

    It '-SkipModelCheck lets the platform judge the input' {
        $calls = $sim.Counters.ApiCalls
        $result = Invoke-OneNetService $product device0009 calibrate @{ ofset = 1 } -SkipModelCheck -ErrorVariable failures -ErrorAction SilentlyContinue
        $sim.Counters.ApiCalls | Should -BeGreaterThan $calls
        $failures | Where-Object FullyQualifiedErrorId -Like 'OneNetUnknownServiceInput,*' | Should -BeNullOrEmpty
        $result | Should -Not -BeNullOrEmpty
    }

    It 'refuses an input with no JSON form before calling anything' {
        $calls = $sim.Counters.ApiCalls
        Invoke-OneNetService $product device0009 calibrate @{ offset = [System.IO.DirectoryInfo]::new($PSScriptRoot) } -ErrorVariable failures -ErrorAction SilentlyContinue
        $sim.Counters.ApiCalls | Should -Be $calls
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'OneNetInvalidServiceInput,*'
        $failures[0].CategoryInfo.Category | Should -Be InvalidArgument
    }

    It '-WhatIf calls nothing' {
        $null = Invoke-OneNetService $product device0009 calibrate @{ offset = 0 }
        $calls = $sim.Counters.ApiCalls
        Invoke-OneNetService $product device0009 calibrate @{ offset = 5 } -WhatIf | Should -BeNullOrEmpty
        $sim.Counters.ApiCalls | Should -Be $calls
    }

    It 'calls every device once with -ThrottleLimit below the number of devices' {
        $devices = ($sim.Devices | Where-Object ProductId -eq $product).DeviceName | Select-Object -First 30
        $results = @(Invoke-OneNetService $product $devices calibrate @{ offset = 0 } -ThrottleLimit 4)
        $results | Should -HaveCount 30
        ($results.DeviceName | Sort-Object) | Should -Be ($devices | Sort-Object)
        $results.Status | Sort-Object -Unique | Should -Be Succeeded
    }

    It 'takes the online devices from Get-OneNetDevice through the pipeline' {
        $sim.SetDeviceOnline($product, 'device0011', $false)
        try {
            $online = @(Get-OneNetDevice -ProductId $product -Status Online)
            $results = @(Get-OneNetDevice -ProductId $product -Status Online | Invoke-OneNetService -Name calibrate -Parameter @{ offset = 0.2 })
            $results | Should -HaveCount $online.Count
            $results.DeviceName | Should -Not -Contain device0011
            $results.Status | Sort-Object -Unique | Should -Be Succeeded
        }
        finally { $sim.SetDeviceOnline($product, 'device0011', $true) }
    }

    It 'refuses a project-group session a device outside its group as OneNetAccessDenied' {
        $group = Connect-OneNet -Simulator $sim -Scope Group
        try {
            $result = Invoke-OneNetService $product device0040 calibrate @{ offset = 1 } -Session $group -ErrorVariable failures -ErrorAction SilentlyContinue
            $result.Status | Should -Be Failed
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'OneNetAccessDenied,*'
            $failures[0].CategoryInfo.Category | Should -Be PermissionDenied
            (Invoke-OneNetService $product device0001 calibrate @{ offset = 0 } -Session $group).Status | Should -Be Succeeded
        }
        finally { $group | Disconnect-OneNet }
    }
}

Describe 'Get-OneNetServiceRecord' {
    It 'reads records by request id, by value and from piped results' {
        $calls = @(Invoke-OneNetService $product device0012, device0013 calibrate @{ offset = 0.3 })
        $byValue = @($calls.RequestId | Get-OneNetServiceRecord)
        $byValue | Should -HaveCount 2
        $byValue.Status | Sort-Object -Unique | Should -Be Succeeded
        $byValue.DeviceName | Sort-Object -Unique | Should -Be '' -Because 'the record does not name the device'
        $piped = @($calls | Get-OneNetServiceRecord)
        ($piped.DeviceName | Sort-Object) | Should -Be @('device0012', 'device0013')
        $piped.ProductId | Sort-Object -Unique | Should -Be $product
        $piped[0].Name | Should -Be calibrate
        $piped[0].Output.temperature | Should -BeOfType ([double])
        $piped[0].RequestTime | Should -BeOfType ([datetimeoffset])
    }

    It '-Wait waits for an asynchronous call to end' {
        $record = Invoke-OneNetService $product device0014 upgradeFirmware @{ version = '3.0.0' } | Get-OneNetServiceRecord -Wait -TimeoutSec 30
        $record.Status | Should -Be Succeeded
        $record.DeviceName | Should -Be device0014
        $record.Output.version | Should -Be '3.0.0'
        $record.Output.result | Should -BeOfType ([int])
    }

    It 'ends Failed with an error when the device never answers' {
        $call = Invoke-OneNetService $quietProduct device0002 upgradeFirmware @{ version = '9' } -Session $quietSession
        $call.Status | Should -Be Pending
        $record = $call | Get-OneNetServiceRecord -Wait -TimeoutSec 30 -Session $quietSession -ErrorVariable failures -ErrorAction SilentlyContinue
        $record.Status | Should -Be Failed
        $record.Code | Should -Be '306'
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'OneNetServiceFailed,*'
        $failures[0].TargetObject | Should -Be $record
    }

    It 'gives up after -TimeoutSec with the Pending result and OneNetServiceRecordTimeout' {
        $call = Invoke-OneNetService $slow.ProductId[0] device0001 upgradeFirmware @{ version = '9' } -Session $slowSession
        $record = $call | Get-OneNetServiceRecord -Wait -TimeoutSec 1 -Session $slowSession -ErrorVariable failures -ErrorAction SilentlyContinue
        $record.Status | Should -Be Pending
        $record.RequestId | Should -Be $call.RequestId
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'OneNetServiceRecordTimeout,*'
        $failures[0].CategoryInfo.Category | Should -Be OperationTimeout
        $failures[0].TargetObject | Should -Be $record
    }

    It 'stops waiting at once on Ctrl+C' {
        $call = Invoke-OneNetService $slow.ProductId[0] device0001 upgradeFirmware @{ version = '9' } -Session $slowSession
        $calls = $slow.Counters.ApiCalls
        $ps = New-ModulePowerShell
        try {
            $null = $ps.AddScript({
                    param($simulator, $requestId)
                    $null = Connect-OneNet -Simulator $simulator
                    Get-OneNetServiceRecord $requestId -Wait -TimeoutSec 120
                }).AddArgument($slow).AddArgument($call.RequestId)
            $handle = $ps.BeginInvoke()
            Wait-Until { $slow.Counters.ApiCalls -ge $calls + 2 } -Because 'the record is being polled'
            $stopping = Measure-Command { $ps.Stop() }
            $stopping.TotalSeconds | Should -BeLessThan 5
            $ps.InvocationStateInfo.State | Should -Be Stopped
            $afterStop = $slow.Counters.ApiCalls
            Start-Sleep -Milliseconds 1200
            $slow.Counters.ApiCalls | Should -Be $afterStop -Because 'no polling goes on after Ctrl+C'
        }
        finally {
            $ps.Commands.Clear()
            $null = $ps.AddScript({ Get-OneNetSession | Disconnect-OneNet }).Invoke()
            $ps.Dispose()
        }
    }

    It 'reports a request id the platform does not know as OneNetServiceRecordNotFound, and goes on' {
        $known = (Invoke-OneNetService $product device0015 calibrate @{ offset = 0 }).RequestId
        $records = @(Get-OneNetServiceRecord nosuchrequest, $known -ErrorVariable failures -ErrorAction SilentlyContinue)
        $records.RequestId | Should -Be $known
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'OneNetServiceRecordNotFound,*'
        $failures[0].CategoryInfo.Category | Should -Be ObjectNotFound
        $failures[0].TargetObject | Should -Be nosuchrequest
    }
}

Describe 'Completion' {
    It 'offers the services and properties of a product whose thing model the session has read' {
        $null = Get-OneNetDesiredProperty $product device0001 -Name switch
        $line = "Invoke-OneNetService -ProductId $product -DeviceName device0001 -Name "
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('calibrate', 'upgradeFirmware')
        $line = "Remove-OneNetDesiredProperty -ProductId $product -DeviceName device0001 -Name rep"
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be reportInterval
    }
}

Describe 'Views' {
    It 'shows desired values and service results within 80 columns, the platform''s code uncut' {
        Set-OneNetDesiredProperty $product device0016 @{ location = @{ lng = 1.5; lat = 2.5 }; reportInterval = 5 } | Out-Null
        $desired = (Get-OneNetDesiredProperty $product device0016 | Format-Table | Out-String -Width 80) -replace '\x1b\[[0-9;]*m', ''
        $desired | Should -Match 'location\s+1 \{lng=1\.5, lat=2\.5\}'
        $results = @(Invoke-OneNetService $product device0016, nosuchdevice calibrate @{ offset = 0 } -ErrorAction SilentlyContinue)
        $table = ($results | Format-Table | Out-String -Width 80) -replace '\x1b\[[0-9;]*m', ''
        $table | Should -Match 'deviceNotFound'
        $table | Should -Match 'device0016\s+calibrate\s+Succeeded'
        foreach ($line in ($desired + $table) -split "`r?`n") { $line.Length | Should -BeLessOrEqual 80 }
        $list = ($results | Format-List | Out-String) -replace '\x1b\[[0-9;]*m', ''
        $list | Should -Match 'RequestId\s+:'
        $list | Should -Match 'Output\s+: result=1, temperature='
    }
}

Describe 'Secrets' {
    It 'appear in no output, verbose message, warning or error of these cmdlets' {
        $Error.Clear()
        $streams = & {
            $ErrorActionPreference = 'Continue'
            Set-OneNetDesiredProperty $product device0017 @{ switch = $true } | Out-Null
            Get-OneNetDesiredProperty $product device0017, nosuchdevice -Verbose
            Get-OneNetDesiredProperty $product device0017 | Remove-OneNetDesiredProperty -Version 99 -Verbose
            Get-OneNetDesiredProperty $product device0017 | Remove-OneNetDesiredProperty -PassThru -Verbose
            Invoke-OneNetService $product device0017, nosuchdevice calibrate @{ offset = 1 } -Verbose
            Invoke-OneNetService $product device0017 upgradeFirmware @{ version = '1' } -Verbose | Get-OneNetServiceRecord -Wait -Verbose
            Get-OneNetServiceRecord nosuchrequest -Verbose
            Invoke-OneNetService $quietProduct device0002 calibrate @{ offset = 1 } -Session $quietSession -Verbose
        } *>&1 2>&1
        $text = ($streams | ForEach-Object { $_ | Format-List * -Force | Out-String }) -join ''
        $text += ($Error | ForEach-Object { $_ | Format-List * -Force | Out-String; $_.Exception | Format-List * -Force | Out-String }) -join ''
        $text | Should -Match 'OneNetDeviceNotFound|device does not exist' -Because 'the errors are part of what is checked'
        $text | Should -Not -Match ([regex]::Escape($keyText))
        $text | Should -Not -Match ([regex]::Escape($groupKeyText))
        $text | Should -Not -Match 'sign='
        $text | Should -Not -Match 'sec_key|SecKey'
    }
}
