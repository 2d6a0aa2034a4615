BeforeAll {
    $script:modulePath = Join-Path $env:ONENET_TEST_MODULE 'OneNetStudio.psd1'
    Import-Module $modulePath -Force
    $script:sim = Start-OneNetSimulator -DeviceCount 4 -ReportIntervalMs 200 -EventProbability 0
    $script:product = $sim.ProductId[0]
    $script:session = $sim | Connect-OneNet

    # Runs a script in a new pwsh process, as cron or systemd would; returns its output and exit code.
    function Invoke-FreshPwsh([string[]] $Arguments) {
        $exe = [Environment]::ProcessPath
        if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $Arguments = @(Join-Path $PSHOME 'pwsh.dll') + $Arguments }
        $output = & $exe @Arguments 2>&1
        [pscustomobject]@{ Output = ($output | Out-String); ExitCode = $LASTEXITCODE }
    }
    function Wait-Until([scriptblock] $Condition, [double] $TimeoutSec = 10) {
        $deadline = [datetime]::UtcNow.AddSeconds($TimeoutSec)
        while (-not (& $Condition)) {
            if ([datetime]::UtcNow -gt $deadline) { throw "Timed out waiting for: $Condition" }
            Start-Sleep -Milliseconds 50
        }
    }
}

AfterAll {
    Get-OneNetSession | Disconnect-OneNet
    Stop-OneNetSimulator
}

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

Describe 'Sessions in jobs and parallel pipelines' {
    It 'a ThreadJob sets a property with $using:session' {
        $p = $product
        $reply = Start-ThreadJob {
            Import-Module $using:modulePath
            Set-OneNetProperty $using:p device0002 @{ humidity = 12 } -Session $using:session
        } | Receive-Job -Wait -AutoRemoveJob
        $reply.Status | Should -Be Succeeded
        $sim.GetDevice($product, 'device0002').Properties.humidity | Should -Be 12
    }

    It 'ForEach-Object -Parallel shares one session across runspaces' {
        $replies = $sim.Devices | ForEach-Object -ThrottleLimit 4 -Parallel {
            Import-Module $using:modulePath
            Set-OneNetProperty $_.ProductId $_.DeviceName @{ humidity = 33 } -Session $using:session
        }
        $replies.Count | Should -Be 4
        $replies | ForEach-Object { $_.Status | Should -Be Succeeded }
        $sim.Devices | ForEach-Object { $_.Properties.humidity | Should -Be 33 }
    }
}

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

Describe 'Configuration without secrets in scripts' {
    AfterEach {
        'ONENET_USER_ID', 'ONENET_PROJECT_ID', 'ONENET_GROUP_ID', 'ONENET_ACCESS_KEY', 'ONENET_SERVER', 'ONENET_PORT' | ForEach-Object { Remove-Item "env:$_" -ErrorAction Ignore }
    }

    It 'Connect-OneNet without parameters connects as the user from ONENET_* variables' {
        $env:ONENET_USER_ID = $sim.UserId
        $env:ONENET_ACCESS_KEY = [Net.NetworkCredential]::new('', $sim.AccessKey).Password
        $env:ONENET_SERVER = $sim.Host
        $env:ONENET_PORT = $sim.Port
        $fromEnvironment = Connect-OneNet
        try {
            $fromEnvironment.Username | Should -Be "userid/$($sim.UserId)"
            $fromEnvironment.Endpoint | Should -Be $sim.Endpoint
            ($fromEnvironment | Format-List * | Out-String) | Should -Not -Match ([regex]::Escape($env:ONENET_ACCESS_KEY))
        }
        finally { $fromEnvironment | Disconnect-OneNet }
    }

    It 'and as the project group from ONENET_PROJECT_ID and ONENET_GROUP_ID' {
        $env:ONENET_PROJECT_ID = $sim.ProjectId
        $env:ONENET_GROUP_ID = $sim.GroupId
        $env:ONENET_ACCESS_KEY = [Net.NetworkCredential]::new('', $sim.GroupKey).Password
        $env:ONENET_SERVER = $sim.Host
        $env:ONENET_PORT = $sim.Port
        $group = Connect-OneNet
        try { $group.Scope | Should -Be Group }
        finally { $group | Disconnect-OneNet }
    }

    It 'says which variables to set when none are' {
        { Connect-OneNet -ErrorAction Stop } | Should -Throw -ErrorId 'OneNetNoCredential,*'
        try { Connect-OneNet } catch { $_.Exception.Message | Should -Match 'ONENET_USER_ID.*ONENET_ACCESS_KEY' }
    }

    It 'names the variable that is missing when only half of the identity is set' -ForEach @(
        @{ Set = @{ ONENET_USER_ID = '12321' }; Missing = 'ONENET_ACCESS_KEY' }
        @{ Set = @{ ONENET_PROJECT_ID = 'p1'; ONENET_GROUP_ID = 'g1' }; Missing = 'ONENET_ACCESS_KEY' }
        @{ Set = @{ ONENET_PROJECT_ID = 'p1'; ONENET_ACCESS_KEY = 'AAAA' }; Missing = 'ONENET_GROUP_ID' }
        @{ Set = @{ ONENET_GROUP_ID = 'g1'; ONENET_ACCESS_KEY = 'AAAA' }; Missing = 'ONENET_PROJECT_ID' }
        @{ Set = @{ ONENET_ACCESS_KEY = 'AAAA' }; Missing = 'ONENET_USER_ID' }
    ) {
        foreach ($name in $Set.Keys) { Set-Item "env:$name" $Set[$name] }
        $err = { Connect-OneNet -ErrorAction Stop } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'OneNetNoCredential,*'
        $err.Exception.Message | Should -Match "$Missing (is|are) not|set $Missing"
        $err.Exception.Message | Should -Match '\.$'
    }

    It 'refuses a port variable that is not a port' {
        $env:ONENET_USER_ID = $sim.UserId
        $env:ONENET_ACCESS_KEY = [Net.NetworkCredential]::new('', $sim.AccessKey).Password
        $env:ONENET_PORT = 'eighty'
        { Connect-OneNet -ErrorAction Stop } | Should -Throw -ErrorId 'OneNetInvalidPort,*'
    }
}

Describe 'Formatting' {
    It '<Type> has a fixed-width table view' -ForEach @(
        @{ Type = 'OneNetStudio.OneNetSession' }, @{ Type = 'OneNetStudio.OneNetSimulator' }, @{ Type = 'OneNetStudio.OneNetSimulatedDevice' },
        @{ Type = 'OneNetStudio.OneNetMessage' }, @{ Type = 'OneNetStudio.OneNetSetReply' }, @{ Type = 'OneNetStudio.OneNetPropertyValue' },
        @{ Type = 'OneNetStudio.OneNetEventValue' }
    ) {
        $table = (Get-FormatData -TypeName $Type -PowerShellVersion 7.4).FormatViewDefinition | Where-Object { $_.Control -is [System.Management.Automation.TableControl] }
        $table | Should -Not -BeNullOrEmpty
        $headers = $table[0].Control.Headers
        ($headers | Select-Object -SkipLast 1 | Where-Object Width -eq 0) | Should -BeNullOrEmpty -Because 'every column but the last has a fixed width'
    }

    It '<Type> has a list view' -ForEach @(@{ Type = 'OneNetStudio.OneNetSession' }, @{ Type = 'OneNetStudio.OneNetSimulator' }, @{ Type = 'OneNetStudio.OneNetSetReply' }) {
        (Get-FormatData -TypeName $Type -PowerShellVersion 7.4).FormatViewDefinition.Control | Where-Object { $_ -is [System.Management.Automation.ListControl] } | Should -Not -BeNullOrEmpty
    }

    It 'replies and sessions read well as strings' {
        $reply = Set-OneNetProperty $product device0001 @{ switch = $true }
        "$reply" | Should -Match "^$product/device0001 SetReply: [0-9a-f]{32} Succeeded$"
        "$session" | Should -Match '^OneNET session \d+: userid/\d+ @ 127\.0\.0\.1:\d+ \(Connected\)$'
    }
}

Describe 'Dependency isolation' {
    It 'works beside another module''s different MQTTnet in the same process' {
        $dir = (New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "onenet-alc-$([guid]::NewGuid().ToString('N'))")).FullName
        try {
            # A second, different MQTTnet (version 1.0.0.0), as another module would bring, loaded first into the default context.
            $assembly = [System.Reflection.Emit.PersistedAssemblyBuilder]::new([System.Reflection.AssemblyName]::new('MQTTnet, Version=1.0.0.0'), [object].Assembly)
            $type = $assembly.DefineDynamicModule('MQTTnet').DefineType('MQTTnet.OtherModuleMarker', 'Public, Class, Abstract, Sealed')
            $null = $type.CreateType()
            $assembly.Save((Join-Path $dir 'MQTTnet.dll'))
            $script = @"
`$ErrorActionPreference = 'Stop'
Add-Type -Path '$dir/MQTTnet.dll'
Import-Module '$modulePath'
`$sim = Start-OneNetSimulator -DeviceCount 1
`$sim | Connect-OneNet | Out-Null
'set: ' + (Set-OneNetProperty `$sim.ProductId[0] device0001 @{ switch = `$true }).Status
'other: ' + [MQTTnet.OtherModuleMarker].Assembly.GetName().Version
[AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'MQTTnet' } | ForEach-Object {
    'mqttnet {0} in {1}' -f `$_.GetName().Version, [Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$_).Name
}
"@
            $run = Invoke-FreshPwsh @('-NoProfile', '-NonInteractive', '-Command', $script)
            $run.ExitCode | Should -Be 0 -Because $run.Output
            $run.Output | Should -Match 'set: Succeeded'
            $run.Output | Should -Match 'other: 1\.0\.0\.0'
            $run.Output | Should -Match 'mqttnet 1\.0\.0\.0 in Default'
            $run.Output | Should -Match 'mqttnet 5\.\d+\.\d+\.\d+ in OneNetStudio'
        }
        finally { Remove-Item $dir -Recurse -Force -ErrorAction Ignore }
    }
}

Describe 'Packaging' {
    It 'build.ps1 Package''s .nupkg installs from a local repository and imports' {
        $work = (New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "onenet-pkg-$([guid]::NewGuid().ToString('N'))")).FullName
        $repoName = "OneNetTest$([guid]::NewGuid().ToString('N').Substring(0, 8))"
        try {
            $feed = New-Item -ItemType Directory -Path (Join-Path $work 'feed')
            & (Join-Path $PSScriptRoot '../tools/Package.ps1') -ModulePath $env:ONENET_TEST_MODULE -OutputPath $feed.FullName
            $nupkg = Get-ChildItem $feed -Filter 'OneNetStudio.*.nupkg'
            $nupkg | Should -HaveCount 1
            Register-PSResourceRepository -Name $repoName -Uri $feed.FullName -Trusted
            $installed = Join-Path $work 'modules'
            $null = New-Item -ItemType Directory -Path $installed
            Save-PSResource -Name OneNetStudio -Repository $repoName -Path $installed -TrustRepository
            $manifest = Get-ChildItem $installed -Recurse -Filter OneNetStudio.psd1 | Select-Object -First 1
            $manifest | Should -Not -BeNullOrEmpty
            $info = Test-ModuleManifest $manifest.FullName
            $info.Description | Should -Not -BeNullOrEmpty
            $info.CompatiblePSEditions | Should -Be 'Core'
            $info.PrivateData.PSData.Tags | Should -Contain 'IoT'
            $info.PrivateData.PSData.LicenseUri | Should -Not -BeNullOrEmpty
            $info.PrivateData.PSData.ReleaseNotes | Should -Not -BeNullOrEmpty
            $run = Invoke-FreshPwsh @('-NoProfile', '-NonInteractive', '-Command',
                "`$env:PSModulePath = '$installed' + [IO.Path]::PathSeparator + `$env:PSModulePath; Import-Module OneNetStudio -ErrorAction Stop; (Get-Module OneNetStudio).ModuleBase; `$s = Start-OneNetSimulator -DeviceCount 1; (`$s | Connect-OneNet).State; Get-Help Set-OneNetProperty | Select-Object -ExpandProperty Synopsis")
            $run.ExitCode | Should -Be 0 -Because $run.Output
            $run.Output | Should -Match ([regex]::Escape($installed))
            $run.Output | Should -Match 'Connected'
            $run.Output | Should -Match 'Sets properties of devices'
        }
        finally {
            Unregister-PSResourceRepository -Name $repoName -ErrorAction Ignore
            Remove-Item $work -Recurse -Force -ErrorAction Ignore
        }
    }
}
