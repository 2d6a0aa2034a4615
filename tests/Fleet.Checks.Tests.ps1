# Issue #13 items 3 and 4: sets checked against the thing model before anything is published, and watches that warn
# of devices the platform does not know.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:sim, $script:product, $script:session = Start-TestSimulator -DeviceCount 4
    # An API address where nothing listens: the HTTP side is down, the long connection is fine.
    $script:deadApi = "http://127.0.0.1:$(Get-FreePort)"
}

AfterAll { Stop-TestSimulator }

Describe 'Checks before sending' {
    It 'refuses an unknown identifier for each device, naming the nearest one, and publishes nothing' {
        $before = $sim.Counters.SetsReceived
        $out = Set-OneNetProperty $product device0001, device0002 @{ temprature = 30.5 } -ErrorVariable refused -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $refused.Count | Should -Be 2
        $refused | ForEach-Object {
            $_.FullyQualifiedErrorId | Should -BeLike 'OneNetUnknownProperty,*'
            $_.CategoryInfo.Category | Should -Be ObjectNotFound
            $_.Exception.Message | Should -Match "did you mean 'temperature'\?"
            $_.Exception.Message | Should -Match 'Its properties are temperature, humidity, Power'
            $_.TargetObject.ProductId | Should -Be $product
            $_.TargetObject.Name | Should -Be 'temprature'
        }
        $refused.TargetObject.DeviceName | Should -Be @('device0001', 'device0002')
        $sim.Counters.SetsReceived | Should -Be $before
    }

    It 'suggests the identifier that differs only by case' {
        Set-OneNetProperty $product device0001 @{ power = 'on' } -ErrorVariable refused -ErrorAction SilentlyContinue
        $refused[0].Exception.Message | Should -Match "no property 'power' \(did you mean 'Power'\?\)"
        $refused[0].ErrorDetails.RecommendedAction | Should -Be "Use 'Power'."
    }

    It 'refuses a read-only property and publishes nothing' {
        $before = $sim.Counters.DesiredSetsReceived
        Set-OneNetDesiredProperty $product device0001 @{ firmwareVersion = '9.9' } -ErrorVariable refused -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'OneNetReadOnlyProperty,*'
        $refused[0].CategoryInfo.Category | Should -Be PermissionDenied
        $refused[0].Exception.Message | Should -Match 'read-only.*writable properties are temperature'
        $sim.Counters.DesiredSetsReceived | Should -Be $before
    }

    It 'refuses <Case>, naming the expected type and range' -ForEach @(
        @{ Case = 'a word for a float'; Property = @{ temperature = 'hot' }; Expected = 'float from -40 to 85' }
        @{ Case = 'a number above the maximum'; Property = @{ humidity = 150 }; Expected = 'int32 from 0 to 100' }
        @{ Case = 'a fraction for an int32'; Property = @{ reportInterval = 2.5 }; Expected = 'int32 from 1 to 86400' }
        @{ Case = 'an enum value the model lacks'; Property = @{ mode = 7 }; Expected = '0 \(auto\), 1 \(eco\), 2 \(boost\)' }
        @{ Case = 'a string too long'; Property = @{ Power = 'off!' }; Expected = 'string of at most 3 characters' }
        @{ Case = 'a date for a bool'; Property = @{ switch = [datetime]::Now }; Expected = 'bool: true or false' }
        @{ Case = 'a struct without a field'; Property = @{ location = @{ lng = 120.1 } }; Expected = 'struct of lng, lat' }
        @{ Case = 'an array too long'; Property = @{ schedule = 1..9 }; Expected = 'at most 8' }
    ) {
        $before = $sim.Counters.SetsReceived
        Set-OneNetProperty $product device0003 $Property -ErrorVariable refused -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $refused.Count | Should -Be 1
        $refused[0].FullyQualifiedErrorId | Should -BeLike 'OneNetInvalidPropertyValue,*'
        $refused[0].CategoryInfo.Category | Should -Be InvalidArgument
        $refused[0].Exception.Message | Should -Match $Expected
        $refused[0].Exception.Message | Should -Match '\.$'
        $sim.Counters.SetsReceived | Should -Be $before
    }

    It 'sends nothing of a set with one bad value among good ones' {
        Set-OneNetProperty $product device0004 @{ humidity = 12; mode = 9 } -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $sim.GetDevice($product, 'device0004').Properties.humidity | Should -Not -Be 12
    }

    It 'converts the strings of a CSV file exactly, and -Verbose says so' {
        $csv = Join-Path $TestDrive 'fleet.csv'
        $sim.Devices | Select-Object ProductId, DeviceName, @{ n = 'Temperature'; e = { '21.5' } }, @{ n = 'Switch'; e = { 'true' } }, @{ n = 'Mode'; e = { '2' } } |
            Export-Csv $csv
        $replies = Import-Csv $csv |
            Select-Object ProductId, DeviceName, @{ n = 'Property'; e = { @{ temperature = $_.Temperature; switch = $_.Switch; mode = $_.Mode } } } |
            Set-OneNetProperty -Verbose 4>&1
        $verbose = @($replies | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message
        $verbose | Should -Contain "Product ${product}: 'temperature': the string '21.5' was converted to the float 21.5."
        $verbose | Should -Contain "Product ${product}: 'mode': the string '2' was converted to the enum 2."
        @($replies | Where-Object Status -eq Succeeded).Count | Should -Be 4
        foreach ($device in $sim.Devices) {
            $device.Properties.temperature | Should -Be 21.5
            $device.Properties.temperature | Should -BeOfType ([double])
            $device.Properties.switch | Should -BeTrue
            $device.Properties.mode | Should -Be 2
        }
    }

    It 'turns a date and time into epoch milliseconds for a date property' {
        $when = [datetimeoffset]'2026-01-01T00:00:00Z'
        (Set-OneNetDesiredProperty $product device0002 @{ installedAt = $when }).Status | Should -Be Succeeded
        $sim.GetDevice($product, 'device0002').DesiredProperties.installedAt.Value | Should -Be 1767225600000
    }

    It '-SkipModelCheck publishes as given and the platform answers' {
        $before = $sim.Counters.SetsReceived
        $reply = Set-OneNetProperty $product device0001 @{ humidity = 150 } -SkipModelCheck -ErrorVariable failed -ErrorAction SilentlyContinue
        $reply.Code | Should -Be 'dataTypeError'
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'OneNetSetFailed,*'
        $sim.Counters.SetsReceived | Should -Be ($before + 1)
    }

    It 'reads the model once per product per session, and again after Get-OneNetThingModel -Force' {
        $own = Start-OneNetSimulator -DeviceCount 3 -ReportIntervalMs 3600000
        $ownSession = Connect-OneNet -Simulator $own
        try {
            $p = $own.ProductId[0]
            $before = $own.Counters.ApiCalls
            1..3 | ForEach-Object { (Set-OneNetProperty $p device0001 @{ humidity = $_ } -Session $ownSession).Status | Should -Be Succeeded }
            $own.Devices | Set-OneNetProperty -Property @{ humidity = 5 } -Session $ownSession | Out-Null
            $own.Counters.ApiCalls - $before | Should -Be 1
            $null = Get-OneNetThingModel $p -Force -Session $ownSession
            Set-OneNetProperty $p device0002 @{ humidity = 6 } -Session $ownSession | Out-Null
            $own.Counters.ApiCalls - $before | Should -Be 2
        }
        finally {
            $ownSession | Disconnect-OneNet
            $own | Stop-OneNetSimulator
        }
    }

    It 'goes on unchecked with one warning when the API cannot be reached' {
        $down = Connect-OneNet -Simulator $sim -ApiEndpoint $deadApi
        try {
            $first = Set-OneNetProperty $product device0001 @{ humidity = 33 } -Session $down -WarningVariable warned
            $first.Status | Should -Be Succeeded
            $warned.Count | Should -Be 1
            $warned[0] | Should -Match "thing model of product $product could not be read.*unchecked"
            $second = Set-OneNetProperty $product device0002 @{ humidity = 34 } -Session $down -WarningVariable warnedAgain -Verbose 4>&1
            ($second | Where-Object { $_ -is [OneNetStudio.OneNetSetReply] }).Status | Should -Be Succeeded
            $warnedAgain | Should -BeNullOrEmpty -Because 'the first command warned already'
            ($second | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n" | Should -Match 'could not be read'
        }
        finally { $down | Disconnect-OneNet }
    }

    It 'checks 2,000 piped devices against one model read and sends them all' {
        $fleet = Start-OneNetSimulator -DeviceCount 2000 -ReportIntervalMs 3600000 -EventProbability 0
        try {
            $fleetSession = Connect-OneNet -Simulator $fleet
            $before = $fleet.Counters.ApiCalls
            $replies = $fleet.Devices | Select-Object ProductId, DeviceName, @{ n = 'Property'; e = { @{ humidity = "$([int]$_.DeviceName.Substring(6) % 100)" } } } |
                Set-OneNetProperty -ThrottleLimit 200 -Session $fleetSession
            @($replies | Where-Object Status -eq Succeeded).Count | Should -Be 2000
            $fleet.Counters.ApiCalls - $before | Should -Be 1
            ($fleet.Devices | Where-Object { $_.Properties.humidity -ne ([int]$_.DeviceName.Substring(6) % 100) }) | Should -BeNullOrEmpty
        }
        finally {
            $fleetSession | Disconnect-OneNet
            $fleet | Stop-OneNetSimulator
        }
    }
}

Describe 'Watch-OneNetDevice and devices the platform does not know' {
    It 'warns once, naming the unknown devices, and watches the others' {
        $later = Invoke-Later { param($s) $null = $s.EmitPropertyReports(50) } $sim -Simulator $sim -Topic "`$sys/$product/device0001/thing/property"
        $messages = Watch-OneNetDevice $product device0001, devcie0002, nosuchdevice -MessageType Property -TimeoutSec 3 -WarningVariable warned
        Complete-Later $later
        $messages.DeviceName | Sort-Object -Unique | Should -Be 'device0001'
        $warned.Count | Should -Be 1
        $warned[0] | Should -Be "The platform does not know 2 of the 3 watched device(s): $product/devcie0002, $product/nosuchdevice. Nothing will come from them; check the names with Get-OneNetDevice."
    }

    It 'names the first ten and counts the rest when many are unknown (the product''s list read once)' {
        $names = @('device0001') + (1..14 | ForEach-Object { 'ghost{0:00}' -f $_ })
        $before = $sim.Counters.ApiCalls
        Watch-OneNetDevice $product $names -TimeoutSec 2 -WarningVariable warned | Out-Null
        $warned.Count | Should -Be 1
        $warned[0] | Should -Match "^The platform does not know 14 of the 15 watched device\(s\): $product/ghost01, .*$product/ghost10 and 4 more\."
        $warned[0] | Should -Not -Match 'ghost11'
        $sim.Counters.ApiCalls - $before | Should -Be 1
    }

    It 'says nothing when every device is known' {
        Watch-OneNetDevice $product device0001, device0002 -TimeoutSec 1.5 -WarningVariable warned -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message | Should -Contain 'The platform knows all 2 watched device(s).'
        $warned | Should -BeNullOrEmpty
    }

    It 'watches on without a warning when the API cannot be reached' {
        $down = Connect-OneNet -Simulator $sim -ApiEndpoint $deadApi
        try {
            $later = Invoke-Later { param($s) $null = $s.EmitPropertyReports(50) } $sim -Simulator $sim -Topic "`$sys/$product/device0003/thing/property"
            $out = Watch-OneNetDevice $product device0003, nosuchdevice -MessageType Property -TimeoutSec 6 -Session $down -WarningVariable warned -Verbose 4>&1
            Complete-Later $later
            ($out | Where-Object { $_ -is [OneNetStudio.OneNetPropertyMessage] }).DeviceName | Should -Contain 'device0003'
            ($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n" | Should -Match 'Could not ask the platform whether the watched devices exist: '
            $warned | Should -BeNullOrEmpty
        }
        finally { $down | Disconnect-OneNet }
    }

    It 'only says with -Verbose that a session without a project cannot ask' {
        $noProject = Connect-OneNet -UserId $sim.UserId -AccessKey $sim.AccessKey -Server $sim.Host -Port $sim.Port -ApiEndpoint $sim.ApiEndpoint
        try {
            $out = Watch-OneNetDevice $product nosuchdevice -TimeoutSec 1 -Session $noProject -WarningVariable warned -Verbose 4>&1
            ($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message | Should -Contain "Session $($noProject.Id) names no project, so whether the watched devices exist cannot be asked."
            $warned | Should -BeNullOrEmpty
        }
        finally { $noProject | Disconnect-OneNet }
    }
}
