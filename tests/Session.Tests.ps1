BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:sim = Start-OneNetSimulator -DeviceCount 4 -ReportIntervalMs 200
    $script:keyText = ConvertFrom-SecureString $sim.AccessKey -AsPlainText
    $script:groupKeyText = ConvertFrom-SecureString $sim.GroupKey -AsPlainText
}

AfterAll { Stop-TestSimulator }

Describe 'The module' {
    It 'exports exactly the documented cmdlets' {
        $expected = 'Connect-OneNet', 'Disconnect-OneNet', 'Get-OneNetReply', 'Get-OneNetSession', 'New-OneNetToken', 'Register-OneNetEvent', 'Set-OneNetDesiredProperty', 'Set-OneNetProperty', 'Start-OneNetSimulator', 'Stop-OneNetSimulator', 'Watch-OneNetDevice', 'Show-OneNetDevice',
            'Get-OneNetDevice', 'Get-OneNetProduct', 'Get-OneNetThingModel', 'Get-OneNetProperty', 'Get-OneNetPropertyHistory', 'Get-OneNetEventHistory',
            'Get-OneNetDesiredProperty', 'Remove-OneNetDesiredProperty', 'Invoke-OneNetService', 'Get-OneNetServiceRecord'
        (Get-Command -Module OneNetStudio).Name | Sort-Object | Should -Be ($expected | Sort-Object)
    }

    It '<_> uses an approved verb and declares its output type' -ForEach (Get-Command -Module OneNetStudio).Name {
        $command = Get-Command $_
        (Get-Verb).Verb | Should -Contain $command.Verb
        $command.OutputType | Should -Not -BeNullOrEmpty
    }

    It 'lets a script name every type that a parameter, an output type or an output''s property exposes' {
        # Types of the module's own load context (Core, Simulator) do not resolve from a script: everything a user can
        # meet must live in OneNetStudio.Model or the cmdlet assembly.
        $seen = @{}
        $unresolved = [System.Collections.Generic.List[string]]::new()
        function Test-Type([type] $Type, [string] $From, [int] $Depth) {
            if (-not $Type) { return }
            if ($Type.IsArray -or $Type.IsByRef) { Test-Type $Type.GetElementType() $From $Depth; return }
            if ($Type.IsGenericType) {
                foreach ($argument in $Type.GetGenericArguments()) { Test-Type $argument $From $Depth }
                $Type = $Type.GetGenericTypeDefinition()
            }
            if ($seen.ContainsKey($Type.FullName)) { return }
            $seen[$Type.FullName] = $true
            if (-not ($Type.FullName -as [type])) { $unresolved.Add("$($Type.FullName) (from $From)") }
            if ($Depth -lt 2 -and $Type.Assembly.GetName().Name -like 'OneNetStudio*') {
                foreach ($property in $Type.GetProperties()) { Test-Type $property.PropertyType "$($Type.Name).$($property.Name)" ($Depth + 1) }
            }
        }
        foreach ($command in Get-Command -Module OneNetStudio) {
            foreach ($parameter in $command.Parameters.Values) { Test-Type $parameter.ParameterType "$($command.Name) -$($parameter.Name)" 0 }
            foreach ($output in $command.OutputType) { Test-Type $output.Type "$($command.Name) output" 0 }
        }
        $seen.Count | Should -BeGreaterThan 20
        $unresolved | Should -BeNullOrEmpty
        $session = Connect-OneNet -Simulator $sim
        try { $session.State -eq [OneNetStudio.ConnectionState]::Connected | Should -BeTrue }
        finally { $session | Disconnect-OneNet }
    }

    It 'carries one version: the manifest''s is the assemblies'' (from Directory.Build.props)' {
        $module = Get-Module OneNetStudio
        $assembly = [OneNetStudio.OneNetSession].Assembly.GetName().Version
        [version]::new($assembly.Major, $assembly.Minor, $assembly.Build) | Should -Be $module.Version
    }

    It 'selects every format view by a type that exists' {
        $formats = [xml](Get-Content (Join-Path $env:ONENET_TEST_MODULE 'OneNetStudio.Format.ps1xml') -Raw)
        $typeNames = $formats.SelectNodes('//ViewSelectedBy/TypeName').InnerText | Sort-Object -Unique
        $typeNames.Count | Should -BeGreaterThan 5
        foreach ($name in $typeNames) { $name -as [type] | Should -Not -BeNullOrEmpty -Because "the view for $name must apply to a real type" }
        # The counters' list names its items one by one: a counter added to the type must be added to the view.
        $listed = $formats.SelectNodes("//View[Name='SimulatorCountersSnapshot.List']//ListItem/PropertyName").InnerText
        ([OneNetStudio.SimulatorCountersSnapshot].GetProperties().Name | Where-Object { $_ -notin $listed }) | Should -BeNullOrEmpty
    }

    It 'ships no System.Text.Json.dll of its own' {
        Get-ChildItem $env:ONENET_TEST_MODULE -Recurse -Filter System.Text.Json.dll | Should -BeNullOrEmpty
    }
}

Describe 'New-OneNetToken' {
    It 'computes the documented token for <Method>' -ForEach @(
        @{ Method = 'sha1'; Resource = 'userid/12321'; Version = '2020-05-29'; Expected = 'version=2020-05-29&res=userid%2F12321&et=1537255523&method=sha1&sign=oyasoXdLw7eiH%2BsDM4QrlF59LvE%3D' }
        @{ Method = 'md5'; Resource = 'products/123123'; Version = '2018-10-31'; Expected = 'version=2018-10-31&res=products%2F123123&et=1537255523&method=md5&sign=M3jB6jcSNUuGcvW3dFcrWA%3D%3D' }
        @{ Method = 'sha256'; Resource = 'products/123123'; Version = '2018-10-31'; Expected = 'version=2018-10-31&res=products%2F123123&et=1537255523&method=sha256&sign=tuFMd8Cc5krZO%2BRiNaW4mad5tauSFq2J89Gd70MXQPI%3D' }
    ) {
        New-OneNetToken -Resource $Resource -AccessKey 'KuF3NT/jUBJ62LNBB/A8XZA9CqS3Cu79B/ABmfA1UCw=' -Method $Method -Version $Version -ExpiresAt 1537255523 -WarningAction SilentlyContinue |
            Should -BeExactly $Expected
    }

    It 'takes the key as a SecureString and -ExpiresAt as a date' {
        $key = ConvertTo-SecureString 'KuF3NT/jUBJ62LNBB/A8XZA9CqS3Cu79B/ABmfA1UCw=' -AsPlainText -Force
        $token = New-OneNetToken userid/12321 $key -Method sha1 -ExpiresAt ([DateTimeOffset]::FromUnixTimeSeconds(1537255523)) -WarningAction SilentlyContinue
        $token | Should -Match 'sign=oyasoXdLw7eiH%2BsDM4QrlF59LvE%3D$'
    }

    It 'expires after -Lifetime, in Unix seconds' {
        $token = New-OneNetToken -Resource userid/1 -AccessKey $sim.AccessKey -Lifetime (New-TimeSpan -Minutes 10)
        $et = [long]([regex]::Match($token, '&et=(\d+)&').Groups[1].Value)
        $et | Should -BeGreaterThan ([DateTimeOffset]::UtcNow.ToUnixTimeSeconds() + 590)
        $et | Should -BeLessThan ([DateTimeOffset]::UtcNow.ToUnixTimeSeconds() + 610)
    }

    It 'refuses a key that is not base64, naming the parameter and not echoing the key' {
        $err = { New-OneNetToken -Resource userid/1 -AccessKey 'not-base64!secret' } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentTransformationError*'
        $err.Exception.Message | Should -Match 'AccessKey'
        $err.Exception.Message | Should -Match 'base64'
        $err.Exception.Message | Should -Not -Match 'secret'
    }

    It 'refuses an expiry in milliseconds' {
        { New-OneNetToken -Resource userid/1 -AccessKey $sim.AccessKey -ExpiresAt 1537255523000 } | Should -Throw '*Unix seconds*'
    }
}

Describe 'Start-OneNetSimulator' {
    It 'listens on a free loopback port with a five-device fleet by default' {
        $s = Start-OneNetSimulator
        try {
            $s.Host | Should -Be '127.0.0.1'
            $s.Port | Should -BeGreaterThan 0
            $s.DeviceCount | Should -Be 5
            @($s.Devices | Where-Object InGroup).Count | Should -Be 3
            $s.Devices[0].Properties.Keys | Should -Contain 'temperature'
        }
        finally {
            $s | Stop-OneNetSimulator
        }
        $s.IsRunning | Should -BeFalse
    }

    It 'never shows a key in its display' {
        $text = $sim | Format-List * | Out-String
        $text += $sim | Format-Table * | Out-String
        $text += "$sim"
        $text | Should -Not -Match ([regex]::Escape($keyText))
        $text | Should -Not -Match ([regex]::Escape($groupKeyText))
    }
}

Describe 'Connect-OneNet' {
    AfterEach { Get-OneNetSession | Disconnect-OneNet }

    It 'connects as the user and becomes the current session' {
        $session = Connect-OneNet -UserId $sim.UserId -AccessKey $sim.AccessKey -Server 127.0.0.1 -Port $sim.Port
        $session.State | Should -Be 'Connected'
        $session.Scope | Should -Be 'User'
        $session.Username | Should -Be "userid/$($sim.UserId)"
        $session.ClientId | Should -Match '^[0-9a-f]{32}$'
        $session.KeepAliveSec | Should -Be 60
        (Get-OneNetSession)[0].Id | Should -Be $session.Id
    }

    It 'connects as the project group with a plain-text key' {
        $session = Connect-OneNet -ProjectId $sim.ProjectId -GroupId $sim.GroupId -AccessKey $groupKeyText -Server 127.0.0.1 -Port $sim.Port -Method md5
        $session.Scope | Should -Be 'Group'
        $session.Username | Should -Be "projectid/$($sim.ProjectId)/groupid/$($sim.GroupId)"
    }

    It 'connects with a PSCredential' {
        $credential = [pscredential]::new("userid/$($sim.UserId)", $sim.AccessKey)
        (Connect-OneNet -Credential $credential -Server 127.0.0.1 -Port $sim.Port).State | Should -Be 'Connected'
    }

    It 'connects to a simulator object, as user or group' {
        ($sim | Connect-OneNet).Scope | Should -Be 'User'
        (Connect-OneNet -Simulator $sim -Scope Group).Scope | Should -Be 'Group'
    }

    It 'lists the current (newest) session first' {
        $first = Connect-OneNet -Simulator $sim
        $second = Connect-OneNet -Simulator $sim -ClientId 'second-client'
        $sessions = @(Get-OneNetSession)
        $sessions.Count | Should -Be 2
        $sessions[0].Id | Should -Be $second.Id
        $sessions[1].Id | Should -Be $first.Id
        (Get-OneNetSession -Id $first.Id).ClientId | Should -Be $first.ClientId
    }

    It 'refuses a wrong key with an authentication error that says what to check' {
        $wrong = [Convert]::ToBase64String([byte[]]::new(32))
        $err = { Connect-OneNet -UserId $sim.UserId -AccessKey $wrong -Server 127.0.0.1 -Port $sim.Port } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'OneNetConnectRefused,*'
        $err.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $err.Exception.Message | Should -Match 'CONNACK 4'
        "$err" | Should -Match 'CONNACK 4.*Check that -UserId is your OneNET user id and that -AccessKey'
        Get-OneNetSession | Should -BeNullOrEmpty
    }

    It 'refuses an unknown user id' {
        { Connect-OneNet -UserId 999 -AccessKey $sim.AccessKey -Server 127.0.0.1 -Port $sim.Port } | Should -Throw -ErrorId 'OneNetConnectRefused*'
    }

    It 'reports an unreachable server as a connection error' {
        $freePort = Get-FreePort
        $err = { Connect-OneNet -UserId 1 -AccessKey $sim.AccessKey -Server 127.0.0.1 -Port $freePort -ConnectTimeoutSec 5 } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'OneNetServerUnreachable,*'
        $err.CategoryInfo.Category | Should -Be 'ConnectionError'
        $err.TargetObject | Should -Be "127.0.0.1:$freePort"
    }

    It 'refuses a credential whose user name is not a OneNET username' {
        $credential = [pscredential]::new('admin', $sim.AccessKey)
        { Connect-OneNet -Credential $credential -Server 127.0.0.1 -Port $sim.Port } | Should -Throw -ErrorId 'OneNetInvalidCredential*'
    }

    It 'refuses a user id that cannot form a username' {
        { Connect-OneNet -UserId 'a/b' -AccessKey $sim.AccessKey -Server 127.0.0.1 -Port $sim.Port } | Should -Throw -ErrorId 'OneNetInvalidScope*'
    }
}

Describe 'Disconnect-OneNet' {
    It 'closes the current session and returns it with -PassThru' {
        $session = Connect-OneNet -Simulator $sim
        $closed = Disconnect-OneNet -PassThru
        $closed.Id | Should -Be $session.Id
        $closed.State | Should -Be 'Closed'
        Get-OneNetSession | Should -BeNullOrEmpty
    }

    It 'is silent and idempotent, however the session is named' {
        $session = Connect-OneNet -Simulator $sim
        $Error.Clear()
        Disconnect-OneNet -ErrorAction Stop
        Disconnect-OneNet -ErrorAction Stop
        $session | Disconnect-OneNet -ErrorAction Stop
        Disconnect-OneNet -Session $session -ErrorAction Stop
        $Error.Count | Should -Be 0 -Because 'closing a closed session is not an error'
    }

    It 'says so when a set or a watch is given a session the user closed, without .NET internals' {
        $session = Connect-OneNet -Simulator $sim
        $session | Disconnect-OneNet
        foreach ($attempt in { Set-OneNetProperty $sim.ProductId[0] device0001 @{ switch = $true } -Session $session },
                             { Watch-OneNetDevice $sim.ProductId[0] device0001 -TimeoutSec 5 -Session $session }) {
            $err = $attempt | Should -Throw -PassThru
            $err.FullyQualifiedErrorId | Should -BeLike 'OneNetSessionClosed,*'
            $err.TargetObject | Should -Be $session
            $err.Exception.Message | Should -Match "^The session userid/$($sim.UserId) @ 127\.0\.0\.1:$($sim.Port) is closed\.$"
            $err.Exception.Message | Should -Not -Match 'Object name|OneNetConnection'
        }
    }
}

Describe 'Secrets' {
    It 'appear in no session output, verbose message or error' {
        $Error.Clear()
        $session = Connect-OneNet -Simulator $sim -Verbose 4>&1 | ForEach-Object { if ($_ -is [System.Management.Automation.VerboseRecord]) { $script:verbose += "$_" } else { $_ } }
        try { Connect-OneNet -UserId $sim.UserId -AccessKey $groupKeyText -Server 127.0.0.1 -Port $sim.Port } catch { }
        try { New-OneNetToken -Resource x -AccessKey "$keyText!" } catch { }
        $text = (Get-OneNetSession | Format-List * | Out-String) + (Get-OneNetSession | Format-Table * | Out-String) + "$session"
        $text += ($Error | ForEach-Object { $_ | Format-List * -Force | Out-String; $_.Exception | Format-List * -Force | Out-String }) -join ''
        $text += $script:verbose
        $text | Should -Not -Match ([regex]::Escape($keyText))
        $text | Should -Not -Match ([regex]::Escape($groupKeyText))
        $text | Should -Not -Match 'sign='
        Disconnect-OneNet
    }
}

Describe 'Removing the module' {
    It 'closes the sessions of the runspace' {
        $ps = New-ModulePowerShell
        try {
            $null = $ps.AddScript({
                    param($port, $userId, $key)
                    $session = Connect-OneNet -UserId $userId -AccessKey $key -Server 127.0.0.1 -Port $port
                    Remove-Module OneNetStudio
                    $session.State
                }).AddArgument($sim.Port).AddArgument($sim.UserId).AddArgument($sim.AccessKey)
            $state = $ps.Invoke()
            $ps.Streams.Error | Should -BeNullOrEmpty
            "$($state[0])" | Should -Be 'Closed'
        }
        finally {
            $ps.Dispose()
        }
    }
}

Describe 'A standard MQTT client against the simulator' {
    BeforeAll {
        $script:mosquitto = Get-Command mosquitto_sub -ErrorAction Ignore
        if (-not $mosquitto -and $env:CI -eq 'true') { throw 'CI must have mosquitto_sub: build.ps1 Test installs mosquitto-clients.' }
    }

    It 'mosquitto_sub receives property reports with a token from New-OneNetToken' -Skip:(-not (Get-Command mosquitto_sub -ErrorAction Ignore) -and $env:CI -ne 'true') {
        $device = $sim.Devices[0]
        $token = New-OneNetToken -Resource "userid/$($sim.UserId)" -AccessKey $sim.AccessKey -Method md5
        $topic = "`$sys/$($device.ProductId)/$($device.DeviceName)/thing/property"
        $lines = & mosquitto_sub -h 127.0.0.1 -p $sim.Port -V mqttv311 -q 1 -i ([guid]::NewGuid().ToString('N')) -u "userid/$($sim.UserId)" -P $token -t $topic -C 2 -W 15
        $LASTEXITCODE | Should -Be 0
        $lines.Count | Should -Be 2
        $report = $lines[0] | ConvertFrom-Json
        $report.deviceName | Should -Be $device.DeviceName
        $report.notifyType | Should -Be 'property'
        $report.data.params.temperature.value | Should -BeOfType [double]
    }

    It 'mosquitto_sub is refused with a wrong token' -Skip:(-not (Get-Command mosquitto_sub -ErrorAction Ignore) -and $env:CI -ne 'true') {
        $token = New-OneNetToken -Resource "userid/$($sim.UserId)" -AccessKey $sim.GroupKey
        $null = & mosquitto_sub -h 127.0.0.1 -p $sim.Port -V mqttv311 -u "userid/$($sim.UserId)" -P $token -t 'x' -C 1 -W 5 2>&1
        $LASTEXITCODE | Should -Not -Be 0
    }
}

Describe 'Connection errors a new user meets' {
    It 'names a server that does not speak MQTT, by host and port' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $port = $listener.LocalEndpoint.Port
        # An HTTP server of sorts: answers whatever it is sent with a 400, as a web server on the wrong port would.
        $server = Start-ThreadJob {
            $client = ($using:listener).AcceptTcpClient()
            $stream = $client.GetStream()
            $null = $stream.Read([byte[]]::new(256), 0, 256)
            $answer = [Text.Encoding]::ASCII.GetBytes("HTTP/1.1 400 Bad Request`r`n`r`n")
            $stream.Write($answer, 0, $answer.Length)
            Start-Sleep -Milliseconds 500
            $client.Dispose()
        }
        try {
            $err = { Connect-OneNet -UserId 1 -AccessKey $keyText -Server 127.0.0.1 -Port $port -ConnectTimeoutSec 5 } | Should -Throw -PassThru
        }
        finally {
            $server | Wait-Job -Timeout 5 | Remove-Job -Force
            $listener.Stop()
        }
        $err.FullyQualifiedErrorId | Should -BeLike 'OneNetNotMqttBroker,*'
        $err.CategoryInfo.Category | Should -Be 'ProtocolError'
        $err.Exception.Message | Should -Match "^The server at 127\.0\.0\.1:$port did not answer as an MQTT broker"
        $err.Exception.Message | Should -Not -Match 'PubAck|PacketIdentifier'
    }

    It 'ends every message as a sentence' {
        $errors = [System.Collections.Generic.List[System.Management.Automation.ErrorRecord]]::new()
        function Add-Error([scriptblock] $Action) { try { & $Action } catch { $errors.Add($_) } }
        $freePort = Get-FreePort
        Add-Error { Connect-OneNet -UserId $sim.UserId -AccessKey $groupKeyText -Server 127.0.0.1 -Port $sim.Port }
        Add-Error { Connect-OneNet -UserId 1 -AccessKey $keyText -Server 127.0.0.1 -Port $freePort }
        Add-Error { Connect-OneNet -UserId 1 -AccessKey $keyText -Server 127.0.0.1 -Port $sim.Port -TokenLifetime 00:00:01 }
        $session = Connect-OneNet -Simulator $sim
        Set-OneNetProperty $sim.ProductId[0] nosuchdevice @{ switch = $true } -ErrorVariable +setErrors -ErrorAction SilentlyContinue | Out-Null
        Set-OneNetProperty $sim.ProductId[0] device0001 @{ switch = [datetime]::Now } -ErrorVariable +setErrors -ErrorAction SilentlyContinue | Out-Null
        Set-OneNetProperty 'bad/product' device0001 @{ switch = $true } -ErrorVariable +setErrors -ErrorAction SilentlyContinue | Out-Null
        $session | Disconnect-OneNet
        Add-Error { Set-OneNetProperty $sim.ProductId[0] device0001 @{ switch = $true } -Session $session }
        $setErrors | ForEach-Object { $errors.Add($_) }
        $errors.Count | Should -BeGreaterOrEqual 7
        foreach ($record in $errors) {
            $record.Exception.Message | Should -Match '[.!?]$' -Because "$($record.FullyQualifiedErrorId) should end as a sentence"
            "$record" | Should -Match '[.!?]$' -Because "$($record.FullyQualifiedErrorId) as shown should end as a sentence"
        }
    }
}

Describe 'Table views at 80 and 120 columns' {
    BeforeAll {
        $script:viewSim = Start-OneNetSimulator -DeviceCount 2 -ReportIntervalMs 100 -EventProbability 1
        $script:viewSession = Connect-OneNet -Simulator $viewSim -Scope Group
        $viewSim.SetDeviceOnline($viewSim.ProductId[0], 'device0001', $false)
        $userSession = Connect-OneNet -Simulator $viewSim
        $replies = @(
            Set-OneNetProperty $viewSim.ProductId[0] nosuchdevice, device0001, device0002 @{ switch = $true } -Session $userSession -ErrorAction SilentlyContinue
        )
        $viewSim.SetDeviceOnline($viewSim.ProductId[0], 'device0001', $true)
        $messages = Watch-OneNetDevice $viewSim.ProductId[0] device0001 -Count 12 -TimeoutSec 10 -Session $viewSession
        Set-OneNetDesiredProperty $viewSim.ProductId[0] device0001 @{ reportInterval = 60; location = @{ lng = 116.397128; lat = 39.916527 } } -Session $userSession | Out-Null
        $desired = @(Get-OneNetDesiredProperty $viewSim.ProductId[0] device0001 -Session $userSession)
        $serviceResults = @(Invoke-OneNetService $viewSim.ProductId[0] nosuchdevice, device0001 calibrate @{ offset = 1 } -Session $userSession -ErrorAction SilentlyContinue)
        $formats = [xml](Get-Content (Join-Path $env:ONENET_TEST_MODULE 'OneNetStudio.Format.ps1xml') -Raw)
        $samples = @{
            'OneNetStudio.OneNetSession'         = @(Get-OneNetSession)
            'OneNetStudio.OneNetSimulator'       = @($viewSim)
            'OneNetStudio.OneNetSimulatedDevice' = @($viewSim.Devices)
            'OneNetStudio.OneNetSetReply'        = $replies
            'OneNetStudio.OneNetMessage'         = @($messages)
            'OneNetStudio.OneNetDevice'          = @(Get-OneNetDevice -Session $userSession)
            'OneNetStudio.OneNetProduct'         = @(Get-OneNetProduct -Session $userSession)
            'OneNetStudio.OneNetThingProperty'   = @(Get-OneNetThingModel $viewSim.ProductId[0] -Part Property -Session $userSession)
            'OneNetStudio.OneNetThingEvent'      = @(Get-OneNetThingModel $viewSim.ProductId[0] -Part Event -Session $userSession)
            'OneNetStudio.OneNetThingService'    = @(Get-OneNetThingModel $viewSim.ProductId[0] -Part Service -Session $userSession)
            'OneNetStudio.OneNetEventValue'      = @($messages | Where-Object MessageType -eq Event | ForEach-Object Values) +
                @(Get-OneNetEventHistory $viewSim.ProductId[0] device0001 -Session $userSession)
            # History rows of another day show their date.
            'OneNetStudio.OneNetPropertyValue'   = @($messages | Where-Object MessageType -eq Property | ForEach-Object Values) +
                @(Get-OneNetPropertyHistory $viewSim.ProductId[0] device0001 location -Start (Get-Date).AddDays(-2) -Session $userSession)
            'OneNetStudio.OneNetPropertyState'   = @(Get-OneNetProperty $viewSim.ProductId[0] device0001 -Session $userSession)
'OneNetStudio.OneNetDesiredValue'    = $desired
            'OneNetStudio.OneNetServiceResult'   = $serviceResults
        }
        # A console of 80 columns leaves 79 to Out-Host (the demo's simulator table wrapped there while 80 passed).
        $script:cases = foreach ($view in $formats.SelectNodes('//View[TableControl]')) {
            foreach ($width in 79, 80, 120) {
                @{ Name = $view.Name; Type = $view.ViewSelectedBy.TypeName; Labels = @($view.TableControl.TableHeaders.TableColumnHeader.Label); Width = $width; Sample = $samples[$view.ViewSelectedBy.TypeName] }
            }
        }
    }
    AfterAll {
        Get-OneNetSession | Disconnect-OneNet
        $viewSim | Stop-OneNetSimulator
    }

    It 'every table view has a sample here' {
        foreach ($case in $cases) { @($case.Sample).Count | Should -BeGreaterThan 0 -Because "$($case.Name) needs a sample object" }
    }

    It 'every table view shows every column on one header line, within the width' {
        foreach ($case in $cases) {
            $text = ($case.Sample | Format-Table | Out-String -Width $case.Width) -replace '\x1b\[[0-9;]*m', ''
            $lines = @($text -split "`r?`n" | Where-Object { $_.Trim() })
            $header = $lines[0]
            foreach ($label in $case.Labels) { $header | Should -Match "\b$label\b" -Because "$($case.Name) at $($case.Width) columns must show $label" }
            $lines[1] | Should -Match '^[- ]+$' -Because "$($case.Name)'s header must not wrap at $($case.Width) columns"
            foreach ($line in $lines) { $line.Length | Should -BeLessOrEqual $case.Width -Because "$($case.Name) at $($case.Width) columns" }
        }
    }

    It 'never cuts the platform''s code, and shows the product of each set' {
        foreach ($width in 80, 120) {
            $text = ($cases | Where-Object Type -eq 'OneNetStudio.OneNetSetReply' | Select-Object -First 1).Sample | Format-Table | Out-String -Width $width
            $text | Should -Match 'deviceNotFound'
            $text | Should -Match 'deviceNotOnline'
            $text | Should -Match ([regex]::Escape($viewSim.ProductId[0]))
        }
    }
}
