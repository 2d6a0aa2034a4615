# Get-OneNetProperty, Get-OneNetPropertyHistory and Get-OneNetEventHistory against the simulator's HTTP API, as a user drives them.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:startedAt = Get-Date
    # device0006 never came online: it has reported nothing. Devices answer live reads within half a second or not at all.
    $script:sim = Start-OneNetSimulator -DeviceCount 6 -InactiveDeviceCount 1 -ReportIntervalMs 3600000 -EventProbability 0 -DeviceReplyTimeoutMs 500
    $script:session = $sim | Connect-OneNet
    $script:product = $sim.ProductId[0]
    $script:keyText = ConvertFrom-SecureString $sim.AccessKey -AsPlainText

    function Get-ErrorText($Records) {
        ($Records | ForEach-Object { $_ | Format-List * -Force | Out-String; $_.Exception | Format-List * -Force | Out-String; "$_" }) -join ''
    }
}

AfterAll { Stop-TestSimulator }

Describe 'Get-OneNetProperty' {
    It 'decodes <Name> (<DataType>) to <Type>' -ForEach @(
        @{ Name = 'humidity'; DataType = 'int32'; Type = [int] }
        @{ Name = 'reportInterval'; DataType = 'int32'; Type = [int] }
        @{ Name = 'energy'; DataType = 'int64'; Type = [long] }
        @{ Name = 'temperature'; DataType = 'float'; Type = [double] }
        @{ Name = 'voltage'; DataType = 'double'; Type = [double] }
        @{ Name = 'switch'; DataType = 'bool'; Type = [bool] }
        @{ Name = 'Power'; DataType = 'string'; Type = [string] }
        @{ Name = 'mode'; DataType = 'enum'; Type = [long] }
        @{ Name = 'faults'; DataType = 'bitMap'; Type = [long] }
        @{ Name = 'installedAt'; DataType = 'date'; Type = [DateTimeOffset] }
        @{ Name = 'location'; DataType = 'struct'; Type = [System.Collections.Specialized.OrderedDictionary] }
    ) {
        $state = Get-OneNetProperty -ProductId $product -DeviceName device0001 -Name $Name
        $state | Should -BeOfType ([OneNetStudio.OneNetPropertyState])
        $state.Name | Should -BeExactly $Name
        $state.DataType | Should -BeExactly $DataType
        $state.Value | Should -BeOfType $Type
        $state.Time | Should -BeOfType ([DateTimeOffset])
        $state.Live | Should -BeFalse
    }

    It 'decodes every data type to the value the device holds' {
        $states = @{}
        Get-OneNetProperty $product device0001 | ForEach-Object { $states[$_.Name] = $_ }
        $held = $sim.GetDevice($product, 'device0001').Properties
        $states.Count | Should -Be 14
        $states.humidity.Value | Should -Be $held.humidity
        $states.temperature.Value | Should -Be $held.temperature
        $states.Power.Value | Should -BeExactly 'on'
        $states.switch.Value | Should -BeFalse
        $states.installedAt.Value | Should -Be ([DateTimeOffset]::FromUnixTimeMilliseconds(1700000000000))
        $states.location.Value.lat | Should -Be $held.location.lat
        $states.location.Value.lng | Should -BeOfType ([double])
        , $states.schedule.Value | Should -BeOfType ([object[]])
        $states.schedule.Value | Should -Be @(6, 12, 18, 22)
        $states.firmwareVersion.AccessMode | Should -Be ReadOnly
        $states.reportInterval.AccessMode | Should -Be ReadWrite
        $states.temperature.DisplayName | Should -Be 'Temperature'
    }

    It 'gives a property the device never reported a null Value and Time' {
        $label = Get-OneNetProperty $product device0001 -Name label
        $label.Value | Should -BeNullOrEmpty
        $label.Time | Should -BeNullOrEmpty
        $label.DataType | Should -Be 'string'
        $inactive = Get-OneNetProperty $product device0006
        $inactive.Count | Should -Be 14
        $inactive | Where-Object { $null -ne $_.Value -or $null -ne $_.Time } | Should -BeNullOrEmpty
    }

    It 'shows the stored desired value, typed like the value' {
        $null = Set-OneNetDesiredProperty $product device0005 @{ reportInterval = 30 }
        $state = Get-OneNetProperty $product device0005 -Name reportInterval
        $state.DesiredValue | Should -Be 30
        $state.DesiredValue | Should -BeOfType ([int])
        (Get-OneNetProperty $product device0001 -Name reportInterval).DesiredValue | Should -BeNullOrEmpty
    }

    It 'filters by -Name with wildcards, ignoring case' {
        (Get-OneNetProperty $product device0002 -Name temp*, HUMIDITY).Name | Sort-Object | Should -Be @('humidity', 'temperature')
    }

    It 'writes OneNetPropertyNotFound for a name the device does not have, and still the others' {
        $states = Get-OneNetProperty $product device0001, device0002 -Name humidity, colour -ErrorVariable failures -ErrorAction SilentlyContinue
        $states.Count | Should -Be 2
        $failures.Count | Should -Be 2
        $failures | ForEach-Object {
            $_.FullyQualifiedErrorId | Should -BeLike 'OneNetPropertyNotFound,*'
            $_.CategoryInfo.Category | Should -Be ObjectNotFound
            $_.TargetObject.Name | Should -Be 'colour'
            $_.TargetObject.ProductId | Should -Be $product
            "$_" | Should -Match "no property 'colour'"
        }
        @($failures.TargetObject.DeviceName | Sort-Object) | Should -Be @('device0001', 'device0002')
    }

    It 'writes OneNetDeviceNotFound for an unknown device and goes on with the next' {
        $states = Get-OneNetProperty $product device0001, nosuchdevice, device0002 -Name humidity -ThrottleLimit 1 -ErrorVariable failures -ErrorAction SilentlyContinue
        @($states.DeviceName) | Should -Be @('device0001', 'device0002')
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'OneNetDeviceNotFound,*'
        $failures[0].CategoryInfo.Category | Should -Be ObjectNotFound
        $failures[0].TargetObject.DeviceName | Should -Be 'nosuchdevice'
        $failures[0].Exception.Code | Should -Be 'deviceNotFound'
        $failures[0].Exception.RequestId | Should -Not -BeNullOrEmpty
    }

    It 'reads every device exactly once however many are asked at once' {
        $many = Start-OneNetSimulator -DeviceCount 40 -ReportIntervalMs 3600000 -EventProbability 0
        try {
            $manySession = Connect-OneNet -Simulator $many
            $names = $many.Devices.DeviceName
            $states = Get-OneNetProperty $many.ProductId[0] $names -Name humidity -ThrottleLimit 7 -Session $manySession
            $states.Count | Should -Be 40
            ($states.DeviceName | Sort-Object -Unique).Count | Should -Be 40
            $states = $many.Devices | Get-OneNetProperty -Name humidity -Session $manySession
            ($states.DeviceName | Sort-Object -Unique).Count | Should -Be 40
        }
        finally {
            Get-OneNetSession | Where-Object Id -ne $session.Id | Disconnect-OneNet
            $many | Stop-OneNetSimulator
        }
    }

    It '-Live reads the device now, typed by the thing model' {
        $before = [DateTimeOffset]::UtcNow
        $live = Get-OneNetProperty $product device0003 -Live
        $live.Count | Should -Be 14
        $live | ForEach-Object { $_.Live | Should -BeTrue }
        $byName = @{}
        $live | ForEach-Object { $byName[$_.Name] = $_ }
        $byName.humidity.Value | Should -BeOfType ([int])
        $byName.humidity.Value | Should -Be $sim.GetDevice($product, 'device0003').Properties.humidity
        $byName.installedAt.Value | Should -BeOfType ([DateTimeOffset])
        $byName.location.Value.lat | Should -BeOfType ([double])
        $byName.humidity.Time | Should -BeGreaterOrEqual $before
        $byName.humidity.DataType | Should -Be 'int32'
        # The device holds no label: it answers without one.
        $byName.label.Value | Should -BeNullOrEmpty
        $byName.label.Time | Should -BeNullOrEmpty
    }

    It '-Live -Name reads only those properties and refuses one the thing model lacks' {
        $live = Get-OneNetProperty $product device0003 -Live -Name swi*, colour -ErrorVariable failures -ErrorAction SilentlyContinue
        $live.Name | Should -Be 'switch'
        $live.Value | Should -BeOfType ([bool])
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'OneNetPropertyNotFound,*'
    }

    It '-Live on a silent device is a clear timeout error about that device, and the batch goes on' {
        $sim.SetDeviceSilent($product, 'device0004', $true)
        try {
            $elapsed = Measure-Command {
                $script:live = Get-OneNetProperty $product device0004, device0005 -Live -Name humidity -ErrorVariable failures -ErrorAction SilentlyContinue
                $script:failures = $failures
            }
        }
        finally { $sim.SetDeviceSilent($product, 'device0004', $false) }
        $live.DeviceName | Should -Be 'device0005'
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'OneNetServiceFailed,*'
        $failures[0].TargetObject.DeviceName | Should -Be 'device0004'
        "$($failures[0])" | Should -Match 'device0004'
        "$($failures[0])" | Should -Match 'timeout'
        $elapsed.TotalSeconds | Should -BeLessThan 10 -Because 'the platform gives up after its timeout; the command must not hang'
    }

    It '-Live on an offline device is a clear error' {
        $sim.SetDeviceOnline($product, 'device0005', $false)
        try {
            $live = Get-OneNetProperty $product device0005 -Live -ErrorVariable failures -ErrorAction SilentlyContinue
        }
        finally { $sim.SetDeviceOnline($product, 'device0005', $true) }
        $live | Should -BeNullOrEmpty
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'OneNetServiceFailed,*'
        $failures[0].TargetObject.DeviceName | Should -Be 'device0005'
        "$($failures[0])" | Should -Match 'not online'
    }

    It 'pipes from Get-OneNetDevice, and on into Set-OneNetProperty (the issue''s example)' {
        $null = Set-OneNetProperty $product device0002, device0004 @{ reportInterval = 300 }
        $replies = Get-OneNetDevice -ProductId $product -Status Online |
            Get-OneNetProperty -Name reportInterval |
            Where-Object Value -ne 60 |
            Set-OneNetProperty -Property @{ reportInterval = 60 }
        @($replies.DeviceName | Sort-Object) | Should -Be @('device0002', 'device0004')
        $replies.Status | Should -Be @('Succeeded', 'Succeeded')
        $after = Get-OneNetDevice -ProductId $product -Status Online | Get-OneNetProperty -Name reportInterval
        $after.Count | Should -Be 5
        $after | ForEach-Object { $_.Value | Should -Be 60 }
    }

    It 'lets an error''s target ask again for exactly what failed' {
        $null = Get-OneNetProperty $product nosuchdevice -Name humidity -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].TargetObject | Get-OneNetProperty -ErrorVariable again -ErrorAction SilentlyContinue
        $again[0].FullyQualifiedErrorId | Should -BeLike 'OneNetDeviceNotFound,*'
    }
}

Describe 'Get-OneNetPropertyHistory' {
    BeforeAll {
        $script:emittedFrom = [DateTimeOffset]::Now.AddSeconds(-1)
        # 150 reports from every online device: two pages of history per property.
        $null = $sim.EmitPropertyReports(150)
    }

    It 'reads every page, oldest first, each value typed' {
        $rows = Get-OneNetPropertyHistory -ProductId $product -DeviceName device0001 -Name humidity -Start $emittedFrom
        $rows.Count | Should -Be 150
        $rows | ForEach-Object { $_ | Should -BeOfType ([OneNetStudio.OneNetPropertyValue]) }
        $rows | ForEach-Object { $_.Value | Should -BeOfType ([int]) }
        ($rows | Select-Object -First 1).ProductId | Should -Be $product
        ($rows | Select-Object -First 1).DeviceName | Should -Be device0001
        ($rows | Select-Object -First 1).Name | Should -Be humidity
        for ($i = 1; $i -lt $rows.Count; $i++) { $rows[$i].Time | Should -BeGreaterOrEqual $rows[$i - 1].Time }
        $rows[-1].Value | Should -Be $sim.GetDevice($product, 'device0001').Properties.humidity
    }

    It '-Descending gives the same rows newest first' {
        $ascending = Get-OneNetPropertyHistory $product device0001 temperature -Start $emittedFrom
        $descending = Get-OneNetPropertyHistory $product device0001 temperature -Start $emittedFrom -Descending
        $descending.Count | Should -Be 150
        [array]::Reverse($ascending)
        $descending.Value | Should -Be $ascending.Value
        $descending.Time | Should -Be $ascending.Time
    }

    It 'types <Name> as <Type>' -ForEach @(
        @{ Name = 'installedAt'; Type = [DateTimeOffset] }
        @{ Name = 'location'; Type = [System.Collections.Specialized.OrderedDictionary] }
        @{ Name = 'switch'; Type = [bool] }
        @{ Name = 'energy'; Type = [long] }
    ) {
        $row = Get-OneNetPropertyHistory $product device0002 $Name -Start $emittedFrom | Select-Object -First 1
        $row.Value | Should -BeOfType $Type
    }

    It 'keeps to -Start and -End' {
        $all = Get-OneNetPropertyHistory $product device0001 humidity -Start $emittedFrom
        $from = $all[20].Time
        $to = $all[100].Time
        $some = Get-OneNetPropertyHistory $product device0001 humidity -Start $from -End $to
        $some | ForEach-Object { $_.Time | Should -BeGreaterOrEqual $from; $_.Time | Should -BeLessOrEqual $to }
        $some.Count | Should -BeGreaterOrEqual 81
        $some.Count | Should -BeLessThan 150
    }

    It 'reads the last 24 hours by default, so a day-old report is left out' {
        $oldest = [DateTimeOffset]::Now.AddHours(-24).AddSeconds(-1)
        $rows = Get-OneNetPropertyHistory $product device0001 humidity
        $rows.Count | Should -BeGreaterOrEqual 150
        $rows | ForEach-Object { $_.Time | Should -BeGreaterOrEqual $oldest }
        # The device's first report, when it was created a day ago, is there for a range that reaches back to it.
        (Get-OneNetPropertyHistory $product device0001 humidity -Start (Get-Date).AddDays(-2)).Count | Should -Be 151
    }

    It 'refuses a -Start after -End' {
        { Get-OneNetPropertyHistory $product device0001 humidity -Start (Get-Date) -End (Get-Date).AddHours(-1) } |
            Should -Throw -ErrorId 'OneNetInvalidTimeRange,*'
    }

    It 'writes OneNetPropertyNotFound for a name the thing model lacks, and OneNetDeviceNotFound for an unknown device' {
        $rows = Get-OneNetPropertyHistory $product device0001 colour -ErrorVariable failures -ErrorAction SilentlyContinue
        $rows | Should -BeNullOrEmpty
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'OneNetPropertyNotFound,*'
        $failures[0].CategoryInfo.Category | Should -Be ObjectNotFound
        "$($failures[0])" | Should -Match 'humidity'
        $null = Get-OneNetPropertyHistory $product nosuchdevice humidity -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'OneNetDeviceNotFound,*'
        $failures[0].TargetObject.DeviceName | Should -Be 'nosuchdevice'
    }

    It 'takes ProductId, DeviceName and Name from Get-OneNetProperty' {
        $rows = Get-OneNetProperty $product device0002 -Name temperature, voltage | Get-OneNetPropertyHistory -Start $emittedFrom
        $rows.Count | Should -Be 300
        ($rows.Name | Sort-Object -Unique) | Should -Be @('temperature', 'voltage')
        ($rows.DeviceName | Sort-Object -Unique) | Should -Be 'device0002'
    }

    It 'streams while it reads, and stops promptly on Ctrl+C during a long read, reading no more' {
        # A platform that admits one call per second: ten pages of history take ten seconds to read.
        $slow = Start-OneNetSimulator -DeviceCount 1 -ReportIntervalMs 3600000 -EventProbability 0 -ApiCallsPerSecond 1
        try {
            $null = $slow.EmitPropertyReports(1000)
            $ps = New-ModulePowerShell
            $null = $ps.AddScript({
                    param($simulator)
                    $null = Connect-OneNet -Simulator $simulator
                    Get-OneNetPropertyHistory $simulator.ProductId[0] device0001 humidity -Start (Get-Date).AddDays(-2)
                }).AddArgument($slow)
            $noInput = [System.Management.Automation.PSDataCollection[psobject]]::new()
            $noInput.Complete()
            $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
            $handle = $ps.BeginInvoke($noInput, $output)
            Wait-Until { $output.Count -ge 200 } -TimeoutSec 30 -Because 'rows flowing out while the history is read'
            $elapsed = Measure-Command { $ps.Stop() }
            $elapsed.TotalSeconds | Should -BeLessThan 2
            $handle.AsyncWaitHandle.WaitOne(3000) | Should -BeTrue
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            $written = $output.Count
            $calls = $slow.Counters.ApiCalls
            $written | Should -BeLessThan 1001
            Start-Sleep -Milliseconds 1500
            $output.Count | Should -Be $written
            $slow.Counters.ApiCalls | Should -Be $calls -Because 'no page is asked for after Ctrl+C'
        }
        finally {
            if ($ps) {
                $ps.Stop()
                $ps.Commands.Clear()
                $null = $ps.AddScript({ Get-OneNetSession | Disconnect-OneNet }).Invoke()
                $ps.Dispose()
            }
            $slow | Stop-OneNetSimulator
        }
    }

    It 'stops after the rows Select-Object -First needs, asking for no further page' {
        $calls = $sim.Counters.ApiCalls
        $first = Get-OneNetPropertyHistory $product device0003 humidity -Start $emittedFrom | Select-Object -First 5
        $first.Count | Should -Be 5
        $sim.Counters.ApiCalls - $calls | Should -Be 1 -Because 'one page held the five rows'
    }
}

Describe 'Get-OneNetEventHistory' {
    BeforeAll {
        $script:eventsFrom = [DateTimeOffset]::Now.AddSeconds(-1)
        $sim.EmitEvent($product, 'device0003', 'boot')
        $sim.EmitEvent($product, 'device0003', 'alarm', @{ level = 2; reason = 'overheat' })
        $sim.EmitEvent($product, 'device0003', 'sensorFault')
        $sim.EmitEvent($product, 'device0003', 'alarm', @{ level = 3; reason = 'tamper' })
    }

    It 'reads the device''s events newest first, typed by the thing model' {
        $events = Get-OneNetEventHistory -ProductId $product -DeviceName device0003 -Start $eventsFrom
        $events.Count | Should -Be 4
        $events | ForEach-Object { $_ | Should -BeOfType ([OneNetStudio.OneNetEventValue]) }
        $events.Identifier | Should -Be @('alarm', 'sensorFault', 'alarm', 'boot')
        $events[0].Value.level | Should -Be 3
        $events[0].Value.level | Should -BeOfType ([int])
        $events[0].Value.reason | Should -Be 'tamper'
        $events[0].EventType | Should -Be Alert
        $events[0].DisplayName | Should -Be 'Alarm'
        $events[0].ProductId | Should -Be $product
        $events[0].DeviceName | Should -Be device0003
        $events[1].EventType | Should -Be Fault
        $events[3].EventType | Should -Be Info
        for ($i = 1; $i -lt $events.Count; $i++) { $events[$i].Time | Should -BeLessOrEqual $events[$i - 1].Time }
    }

    It 'keeps to -EventType and -Name' {
        (Get-OneNetEventHistory $product device0003 -Start $eventsFrom -EventType Alert).Value.level | Should -Be @(3, 2)
        (Get-OneNetEventHistory $product device0003 -Start $eventsFrom -Name boot).Identifier | Should -Be 'boot'
        (Get-OneNetEventHistory $product device0003 -Start $eventsFrom -EventType Fault).Identifier | Should -Be 'sensorFault'
        Get-OneNetEventHistory $product device0003 -Start $eventsFrom -EventType Info -Name alarm | Should -BeNullOrEmpty
    }

    It 'refuses an event the thing model lacks' {
        $null = Get-OneNetEventHistory $product device0003 -Name explosion -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'OneNetEventNotFound,*'
        $failures[0].CategoryInfo.Category | Should -Be ObjectNotFound
        "$($failures[0])" | Should -Match 'alarm'
    }

    It 'reads every page of a long history without duplicates' {
        1..130 | ForEach-Object { $sim.EmitEvent($product, 'device0002', 'sensorFault', @{ code = $_ }) }
        $events = Get-OneNetEventHistory $product device0002 -Start $eventsFrom
        $events.Count | Should -Be 130
        ($events.Value.code | Sort-Object -Unique).Count | Should -Be 130
    }

    It 'reads the events of every device piped in' {
        $sim.EmitEvent($product, 'device0005', 'alarm')
        $events = Get-OneNetDevice -ProductId $product -Status Online | Get-OneNetEventHistory -Name alarm -Start $eventsFrom
        ($events.DeviceName | Sort-Object -Unique) | Should -Be @('device0003', 'device0005')
    }
}

Describe 'Completion and secrecy' {
    It 'completes -Name from the thing models the session has read without asking again, and asks once for one it has not' {
        $null = Get-OneNetPropertyHistory $product device0001 humidity -Start (Get-Date).AddMinutes(-1)
        $calls = $sim.Counters.ApiCalls
        $line = "Get-OneNetProperty -ProductId $product -DeviceName device0001 -Name hum"
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be 'humidity'
        $line = "Get-OneNetEventHistory -ProductId $product -DeviceName device0001 -Name al"
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be 'alarm'
        $sim.Counters.ApiCalls | Should -Be $calls
        # Issue #13: a model the session has not read is asked for (a moment at most); a failure is not asked again soon.
        $line = "Get-OneNetPropertyHistory -ProductId NoSuchProduct -DeviceName device0001 -Name hum"
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | Should -BeNullOrEmpty
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | Should -BeNullOrEmpty
        $sim.Counters.ApiCalls | Should -Be ($calls + 1)
    }

    It 'puts no key, token or device key in any stream' {
        $sim.SetDeviceSilent($product, 'device0004', $true)
        try {
            $quiet = @{ Verbose = $true; ErrorAction = 'SilentlyContinue'; ErrorVariable = '+failures' }
            $failures = @()
            $text = . {
                Get-OneNetProperty $product device0001, nosuchdevice @quiet
                Get-OneNetProperty $product device0004 -Live -Name humidity @quiet
                Get-OneNetPropertyHistory $product device0001 humidity @quiet | Select-Object -First 3
                Get-OneNetPropertyHistory $product nosuchdevice humidity @quiet
                Get-OneNetEventHistory $product device0003 @quiet
                Get-OneNetEventHistory $product nosuchdevice @quiet
            } 4>&1 3>&1 | Out-String
        }
        finally { $sim.SetDeviceSilent($product, 'device0004', $false) }
        $failures.Count | Should -BeGreaterOrEqual 3
        $text += Get-ErrorText $failures
        $text | Should -Not -Match ([regex]::Escape($keyText))
        $text | Should -Not -Match 'sign='
        $text | Should -Not -Match 'sec_key'
    }
}

Describe 'Views' {
    It 'shows states and history rows in 80 columns, dates for old values, nothing for a never-reported one' {
        $text = Get-OneNetProperty $product device0001 | Format-Table | Out-String -Width 80
        $lines = $text -split "`r?`n" | Where-Object { $_.Trim() }
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
        ($lines | Where-Object { $_ -match '^device0001\s+label\s*$' }) | Should -Not -BeNullOrEmpty -Because 'label was never reported'
        ($lines | Where-Object { $_ -match '^device0001\s+installedAt\s.*2023-11-1\d \d\d:\d\d:\d\d' }) | Should -Not -BeNullOrEmpty -Because 'a date shows as a date'
        $history = Get-OneNetPropertyHistory $product device0005 humidity -Start (Get-Date).AddDays(-2) | Format-Table | Out-String -Width 80
        $history | Should -Match '\d{4}-\d\d-\d\d \d\d:\d\d:\d\d SimProduct01 device0005' -Because 'a report of another day shows its date'
        $history | Should -Match '\d\d:\d\d:\d\d\.\d{3}\s+SimProduct01 device0005' -Because 'today''s reports show the time of day'
        (Get-OneNetProperty $product device0001 -Name humidity | Format-List | Out-String) | Should -Match 'DataType\s+: int32'
    }
}
