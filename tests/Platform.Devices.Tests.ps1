# Devices, products and thing models over the platform's HTTP API (Get-OneNetDevice, Get-OneNetProduct,
# Get-OneNetThingModel), against the simulator as a user drives them: paging, filters, the device key, the scopes and
# the platform's refusals, pipeline binding into the MQTT cmdlets, and the rate limit.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    # 2 products x 125 devices: three pages of 100 without a filter; the last 5 of each product never came online.
    $script:sim = Start-OneNetSimulator -ProductId Meter, Valve -DeviceCount 125 -InactiveDeviceCount 5 -ReportIntervalMs 3600000 -EventProbability 0
    $script:session = Connect-OneNet -Simulator $sim
    $script:keyText = ConvertFrom-SecureString $sim.AccessKey -AsPlainText
    $script:groupKeyText = ConvertFrom-SecureString $sim.GroupKey -AsPlainText

    # What the platform itself answers, read without the module: the device key it keeps in a device's record.
    function Get-RawDeviceDetail([string] $ProductId, [string] $DeviceName) {
        $token = New-OneNetToken -Resource "userid/$($sim.UserId)" -AccessKey $sim.AccessKey -Version 2020-05-29 -Lifetime (New-TimeSpan -Minutes 5)
        $query = "action=QueryDeviceDetail&version=1&project_id=$($sim.ProjectId)&product_id=$ProductId&device_name=$DeviceName"
        (Invoke-RestMethod "$($sim.ApiEndpoint)/application?$query" -Headers @{ authorization = $token } -SkipHeaderValidation).data
    }

    function Get-DeviceKey($Device) { "$($Device.ProductId)/$($Device.DeviceName)" }
}

AfterAll { Stop-TestSimulator }

Describe 'Get-OneNetDevice' {
    It 'lists every device of every page once' {
        $callsBefore = $sim.Counters.ApiCalls
        $devices = @(Get-OneNetDevice)
        $devices.Count | Should -Be $sim.DeviceCount
        $devices.Count | Should -Be 250
        @($devices | ForEach-Object { Get-DeviceKey $_ } | Sort-Object -Unique).Count | Should -Be 250 -Because 'no device is listed twice'
        $expected = $sim.Devices | ForEach-Object { "$($_.ProductId)/$($_.DeviceName)" } | Sort-Object
        @($devices | ForEach-Object { Get-DeviceKey $_ } | Sort-Object) | Should -Be @($expected)
        ($sim.Counters.ApiCalls - $callsBefore) | Should -BeGreaterOrEqual 3 -Because '250 devices take three pages of 100'
        $devices[0] | Should -BeOfType ([OneNetStudio.OneNetDevice])
        $devices[0].ProductName | Should -Not -BeNullOrEmpty
        $devices[0].NodeType | Should -Be Direct
        $devices[0].CreatedTime | Should -BeOfType ([DateTimeOffset])
        $devices[0].HasDetail | Should -BeFalse
    }

    It 'lists one product''s devices with -ProductId' {
        $devices = @(Get-OneNetDevice -ProductId Valve)
        $devices.Count | Should -Be 125
        @($devices | Where-Object ProductId -ne Valve) | Should -BeNullOrEmpty
    }

    It 'finds a device by its exact name, in every product or in one' {
        @(Get-OneNetDevice -DeviceName device0042 | ForEach-Object { Get-DeviceKey $_ } | Sort-Object) | Should -Be @('Meter/device0042', 'Valve/device0042')
        $one = @(Get-OneNetDevice -ProductId Meter -DeviceName device0042)
        $one.Count | Should -Be 1
        $one[0].DeviceName | Should -Be device0042
    }

    It 'matches a name exactly, although the platform''s filter matches part of a name' {
        # The platform's device_name filter would answer device0010..device0019 for "device001".
        $found = Get-OneNetDevice -ProductId Meter -DeviceName device001 -ErrorVariable failures -ErrorAction SilentlyContinue
        $found | Should -BeNullOrEmpty
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'OneNetDeviceNotFound,*'
    }

    It 'matches wildcards' {
        $devices = @(Get-OneNetDevice -ProductId Meter -DeviceName 'device01*')
        $devices.Count | Should -Be 26 -Because 'device0100 to device0125'
        @($devices | Where-Object DeviceName -notlike 'device01*') | Should -BeNullOrEmpty
        @(Get-OneNetDevice -ProductId Meter -DeviceName 'DEVICE000?').Count | Should -Be 9 -Because 'wildcards ignore case'
    }

    It 'writes a device that a wildcard and an exact name both match once, and finds the exact name' {
        $devices = @(Get-OneNetDevice -ProductId Meter -DeviceName 'device000*', device0003 -ErrorVariable failures -ErrorAction SilentlyContinue)
        $devices.Count | Should -Be 9
        @($devices.DeviceName | Sort-Object -Unique).Count | Should -Be 9
        $failures | Should -BeNullOrEmpty
    }

    It 'writes an unknown name as a non-terminating OneNetDeviceNotFound and goes on with the next' {
        $devices = @(Get-OneNetDevice -ProductId Meter -DeviceName device0001, nosuchdevice, device0002 -ErrorVariable failures -ErrorAction SilentlyContinue)
        $devices.DeviceName | Should -Be @('device0001', 'device0002')
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'OneNetDeviceNotFound,*'
        $failures[0].CategoryInfo.Category | Should -Be ObjectNotFound
        $failures[0].TargetObject | Should -Be nosuchdevice
        "$($failures[0])" | Should -Match 'nosuchdevice'
    }

    It 'filters by -Status, Inactive being the devices that never came online' {
        $inactive = @(Get-OneNetDevice -Status Inactive)
        $inactive.Count | Should -Be 10
        @($inactive | Where-Object Status -ne Inactive) | Should -BeNullOrEmpty
        @($inactive | Where-Object { $null -ne $_.LastTime }) | Should -BeNullOrEmpty -Because 'they were never online'
        ($inactive.DeviceName | Sort-Object -Unique) | Should -Be @('device0121', 'device0122', 'device0123', 'device0124', 'device0125')
        @(Get-OneNetDevice -Status Online).Count | Should -Be 240
        @(Get-OneNetDevice -Status Online, Inactive).Count | Should -Be 250
    }

    It 'finds an offline device with -Status Offline' {
        $sim.SetDeviceOnline('Valve', 'device0007', $false)
        try {
            $offline = @(Get-OneNetDevice -Status Offline)
            $offline.Count | Should -Be 1
            Get-DeviceKey $offline[0] | Should -Be 'Valve/device0007'
            $offline[0].LastTime | Should -Not -BeNullOrEmpty
        }
        finally { $sim.SetDeviceOnline('Valve', 'device0007', $true) }
    }

    It 'reads each device''s record with -Detail, within the platform''s rate limit' {
        $before = $sim.Counters.ApiCallsRateLimited
        $devices = @(Get-OneNetDevice -Detail)
        $devices.Count | Should -Be 250
        @($devices | ForEach-Object { Get-DeviceKey $_ } | Sort-Object -Unique).Count | Should -Be 250
        @($devices | Where-Object { -not $_.HasDetail }) | Should -BeNullOrEmpty
        $online = $devices | Where-Object { $_.ProductId -eq 'Meter' -and $_.DeviceName -eq 'device0001' }
        $online.Ip | Should -Be '127.0.0.1'
        $online.Description | Should -Not -BeNullOrEmpty
        $online.ActiveTime | Should -BeOfType ([DateTimeOffset])
        ($devices | Where-Object { $_.ProductId -eq 'Meter' -and $_.DeviceName -eq 'device0125' }).ActiveTime | Should -BeNullOrEmpty
        $sim.Counters.ApiCallsRateLimited | Should -Be $before
        $sim.Counters.ApiCallsRateLimited | Should -Be 0
        $sim.Counters.ApiPeakCallsPerSecond | Should -BeLessOrEqual 100
    }

    It 'never lets the device key, the access keys or the token into output, verbose or error streams' {
        $deviceKey = (Get-RawDeviceDetail Meter device0001).sec_key
        $deviceKey | Should -Not -BeNullOrEmpty -Because 'the platform does keep a device key in the record'
        $everything = @(Get-OneNetDevice -ProductId Meter -DeviceName device0001, 'device000*', nosuchdevice -Detail -Verbose -ErrorAction Continue 4>&1 2>&1 3>&1)
        @($everything | Where-Object { $_ -is [OneNetStudio.OneNetDevice] }).Count | Should -BeGreaterThan 1
        @($everything | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }).Count | Should -Be 1
        $text = ($everything | ConvertTo-Json -Depth 5 -WarningAction SilentlyContinue) +
            ($everything | Format-List * -Force | Out-String) +
            ($everything | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } | ForEach-Object { $_.Exception | Format-List * -Force | Out-String })
        $text | Should -Not -Match 'sec_?key'
        $text.Contains($deviceKey) | Should -BeFalse -Because 'the device key is never shown'
        $text.Contains($keyText) | Should -BeFalse -Because 'the access key is never shown'
        $text.Contains($groupKeyText) | Should -BeFalse
        $text | Should -Not -Match 'sign=' -Because 'no token is shown'
        ([OneNetStudio.OneNetDevice].GetProperties().Name -match 'key|auth') | Should -BeNullOrEmpty
    }
}

Describe 'Get-OneNetProduct' {
    It 'lists the project''s products with their device counts' {
        $products = @(Get-OneNetProduct)
        $products.ProductId | Should -Be @('Meter', 'Valve')
        $products[0] | Should -BeOfType ([OneNetStudio.OneNetProduct])
        $products[0].Name | Should -Not -BeNullOrEmpty
        $products[0].NodeType | Should -Be Direct
        $products.DeviceCount | Should -Be @(125, 125)
    }

    It 'filters by -ProductId with wildcards and writes an unknown id as OneNetProductNotFound' {
        (Get-OneNetProduct -ProductId 'met*').ProductId | Should -Be Meter
        $found = @(Get-OneNetProduct -ProductId NoSuchProduct, Valve -ErrorVariable failures -ErrorAction SilentlyContinue)
        $found.ProductId | Should -Be Valve
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'OneNetProductNotFound,*'
        $failures[0].CategoryInfo.Category | Should -Be ObjectNotFound
        $failures[0].TargetObject | Should -Be NoSuchProduct
    }
}

Describe 'Get-OneNetThingModel' {
    It 'reads the product''s properties, events and services with their types' {
        $model = Get-OneNetThingModel -ProductId Meter
        $model | Should -BeOfType ([OneNetStudio.OneNetThingModel])
        $model.ProductId | Should -Be Meter
        $model.Properties.Name | Should -Contain temperature
        $model.Events.Name | Should -Be @('alarm', 'boot', 'sensorFault')
        $model.Services.Name | Should -Be @('calibrate', 'upgradeFirmware')
        $temperature = $model.Properties | Where-Object Name -eq temperature
        $temperature.AccessMode | Should -Be ReadWrite
        $temperature.DataType.Type | Should -Be float
        "$($temperature.DataType)" | Should -Be 'float [-40..85] °C'
        "$(($model.Properties | Where-Object Name -eq mode).DataType)" | Should -Be 'enum {0=auto, 1=eco, 2=boost}'
        "$(($model.Properties | Where-Object Name -eq switch).DataType)" | Should -Be 'bool {0=off, 1=on}'
        "$(($model.Properties | Where-Object Name -eq energy).DataType)" | Should -Match '^int64 \[0\.\.\d{19}\]'
        ($model.Properties | Where-Object Name -eq firmwareVersion).AccessMode | Should -Be ReadOnly
        ($model.Properties.DataType.Type | Sort-Object -Unique) | Should -Be @('array', 'bitMap', 'bool', 'date', 'double', 'enum', 'float', 'int32', 'int64', 'string', 'struct')
    }

    It 'writes the parts asked for as rows with -Part' {
        $properties = @(Get-OneNetThingModel Meter -Part Property)
        $properties.Count | Should -Be (Get-OneNetThingModel Meter).Properties.Count
        $properties[0] | Should -BeOfType ([OneNetStudio.OneNetThingProperty])
        $services = @(Get-OneNetThingModel Meter Service)
        ($services | ForEach-Object { "$($_.Name):$($_.CallType)" }) | Should -Be @('calibrate:Sync', 'upgradeFirmware:Async')
        $services[0].Input.Name | Should -Be offset
        $events = @(Get-OneNetThingModel Meter -Part Event, Property)
        $events[0] | Should -BeOfType ([OneNetStudio.OneNetThingEvent])
        ($events[0..2] | ForEach-Object { "$($_.Name):$($_.EventType)" }) | Should -Be @('alarm:Alert', 'boot:Info', 'sensorFault:Fault')
        $events[3] | Should -BeOfType ([OneNetStudio.OneNetThingProperty])
    }

    It 'reads a product''s model once per session' {
        $null = Get-OneNetThingModel Valve
        $calls = $sim.Counters.ApiCalls
        $null = Get-OneNetThingModel Valve -Part Property
        $null = Get-OneNetThingModel Valve
        $sim.Counters.ApiCalls | Should -Be $calls
    }

    It 'writes an unknown product as OneNetProductNotFound and goes on with the next' {
        $models = @(Get-OneNetThingModel NoSuchProduct, Valve -ErrorVariable failures -ErrorAction SilentlyContinue)
        $models.ProductId | Should -Be Valve
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'OneNetProductNotFound,*'
        $failures[0].CategoryInfo.Category | Should -Be ObjectNotFound
        $failures[0].TargetObject | Should -Be NoSuchProduct
        $failures[0].Exception.Code | Should -Match 'productNotFound$'
    }
}

Describe 'Pipeline binding' {
    It 'pipes products into Get-OneNetDevice' {
        @(Get-OneNetProduct | Get-OneNetDevice).Count | Should -Be 250
    }

    It 'pipes devices into Get-OneNetThingModel, one model per product' {
        $models = @(Get-OneNetDevice | Get-OneNetThingModel)
        $models.ProductId | Should -Be @('Meter', 'Valve')
    }

    It 'pipes products into Get-OneNetThingModel -Part' {
        $rows = @(Get-OneNetProduct | Get-OneNetThingModel -Part Service)
        ($rows | ForEach-Object { "$($_.ProductId)/$($_.Name)" }) | Should -Be @('Meter/calibrate', 'Meter/upgradeFirmware', 'Valve/calibrate', 'Valve/upgradeFirmware')
    }

    It 'pipes devices into Set-OneNetProperty' {
        $replies = @(Get-OneNetDevice -ProductId Meter -DeviceName device0011, device0012 | Set-OneNetProperty -Property @{ reportInterval = 77 })
        ($replies | ForEach-Object { "$($_.DeviceName):$($_.Status)" } | Sort-Object) | Should -Be @('device0011:Succeeded', 'device0012:Succeeded')
        $sim.GetDevice('Meter', 'device0011').Properties.reportInterval | Should -Be 77
        $sim.GetDevice('Meter', 'device0012').Properties.reportInterval | Should -Be 77
        $sim.GetDevice('Meter', 'device0013').Properties.reportInterval | Should -Not -Be 77
    }

    It 'pipes devices into Watch-OneNetDevice' {
        $later = Invoke-Later { param($s) $null = $s.EmitPropertyReports(1) } $sim -Simulator $sim -Topic "`$sys/Valve/device0021/thing/property"
        $messages = @(Get-OneNetDevice -ProductId Valve -DeviceName device0021 | Watch-OneNetDevice -MessageType Property -Count 1 -TimeoutSec 20)
        $null = Complete-Later $later
        $messages.Count | Should -Be 1
        Get-DeviceKey $messages[0] | Should -Be 'Valve/device0021'
    }
}

Describe 'Scopes and refusals' {
    BeforeAll {
        # A second platform whose user has the same id and another key: MQTT goes to the first, HTTP to this one.
        $otherKey = [Convert]::ToBase64String([byte[]](1..32 | ForEach-Object { Get-Random -Maximum 256 }))
        $script:otherSim = Start-OneNetSimulator -DeviceCount 1 -UserId $sim.UserId -AccessKey $otherKey -ProjectId $sim.ProjectId -ReportIntervalMs 3600000
        $script:groupSession = Connect-OneNet -Simulator $sim -Scope Group
        $script:savedProjectId = $env:ONENET_PROJECT_ID
        Remove-Item env:ONENET_PROJECT_ID -ErrorAction Ignore
    }
    AfterAll {
        if ($savedProjectId) { $env:ONENET_PROJECT_ID = $savedProjectId }
        $otherSim | Stop-OneNetSimulator
    }

    It 'shows a group session only its group''s devices' {
        $devices = @(Get-OneNetDevice -Session $groupSession)
        $inGroup = $sim.Devices | Where-Object InGroup | ForEach-Object { "$($_.ProductId)/$($_.DeviceName)" } | Sort-Object
        $devices.Count | Should -BeLessThan 250
        @($devices | ForEach-Object { Get-DeviceKey $_ } | Sort-Object) | Should -Be @($inGroup)
        (Get-OneNetProduct -Session $groupSession).DeviceCount | Should -Be @(
            @($sim.Devices | Where-Object { $_.InGroup -and $_.ProductId -eq 'Meter' }).Count,
            @($sim.Devices | Where-Object { $_.InGroup -and $_.ProductId -eq 'Valve' }).Count)
    }

    It 'answers a group session asking for a device outside its group with OneNetDeviceNotFound' {
        $outside = $sim.Devices | Where-Object { -not $_.InGroup -and $_.ProductId -eq 'Meter' } | Select-Object -First 1
        $found = Get-OneNetDevice -Session $groupSession -ProductId Meter -DeviceName $outside.DeviceName -Detail -ErrorVariable failures -ErrorAction SilentlyContinue
        $found | Should -BeNullOrEmpty
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'OneNetDeviceNotFound,*'
        $failures[0].TargetObject | Should -Be $outside.DeviceName
        "$($failures[0])" | Should -Match "in the group $($sim.GroupId) of project $($sim.ProjectId)"
    }

    It 'reads the thing model on a group session' {
        (Get-OneNetThingModel Meter -Session $groupSession).Services.Count | Should -Be 2
    }

    It 'writes a wrong key as OneNetAccessDenied, without the key' {
        $wrongKey = Connect-OneNet -Simulator $sim -ApiEndpoint $otherSim.ApiEndpoint
        try {
            $wrongKey.State | Should -Be Connected -Because 'the MQTT side still accepts the right key'
            $found = Get-OneNetDevice -Session $wrongKey -ErrorVariable failures -ErrorAction SilentlyContinue
            $found | Should -BeNullOrEmpty
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'OneNetAccessDenied,*'
            $failures[0].CategoryInfo.Category | Should -Be PermissionDenied
            $null = Get-OneNetProduct -Session $wrongKey -ErrorVariable productFailures -ErrorAction SilentlyContinue
            $productFailures[0].FullyQualifiedErrorId | Should -BeLike 'OneNetAccessDenied,*'
            $null = Get-OneNetThingModel Meter -Session $wrongKey -ErrorVariable modelFailures -ErrorAction SilentlyContinue
            $modelFailures[0].FullyQualifiedErrorId | Should -BeLike 'OneNetAccessDenied,*'
            $modelFailures[0].TargetObject | Should -Be Meter
            $text = ($failures + $productFailures + $modelFailures | ForEach-Object { $_ | Format-List * -Force | Out-String; $_.Exception | Format-List * -Force | Out-String }) -join ''
            $text.Contains($keyText) | Should -BeFalse
            $text | Should -Not -Match 'sign='
        }
        finally { $wrongKey | Disconnect-OneNet }
    }

    It 'writes an unknown project as OneNetProjectNotFound' {
        $wrongProject = Connect-OneNet -Simulator $sim -ProjectId NoSuchProject
        try {
            $null = Get-OneNetDevice -Session $wrongProject -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'OneNetProjectNotFound,*'
            $failures[0].CategoryInfo.Category | Should -Be ObjectNotFound
            $null = Get-OneNetProduct -Session $wrongProject -ErrorVariable productFailures -ErrorAction SilentlyContinue
            $productFailures[0].FullyQualifiedErrorId | Should -BeLike 'OneNetProjectNotFound,*'
            $productFailures[0].TargetObject | Should -Be NoSuchProject
        }
        finally { $wrongProject | Disconnect-OneNet }
    }

    It 'asks a user session without a project for -ProjectId, and still reads thing models' {
        $noProject = Connect-OneNet -UserId $sim.UserId -AccessKey $sim.AccessKey -Server $sim.Host -Port $sim.Port -ApiEndpoint $sim.ApiEndpoint
        try {
            $callsBefore = $sim.Counters.ApiCalls
            $failure = { Get-OneNetDevice -Session $noProject } | Should -Throw -PassThru
            $failure.FullyQualifiedErrorId | Should -BeLike 'OneNetProjectRequired,*'
            $failure.Exception.Message | Should -Match '-ProjectId'
            ({ Get-OneNetProduct -Session $noProject } | Should -Throw -PassThru).FullyQualifiedErrorId | Should -BeLike 'OneNetProjectRequired,*'
            $sim.Counters.ApiCalls | Should -Be $callsBefore -Because 'nothing is sent without a project'
            (Get-OneNetThingModel Valve -Session $noProject).Properties.Count | Should -BeGreaterThan 10
        }
        finally { $noProject | Disconnect-OneNet }
    }
}
