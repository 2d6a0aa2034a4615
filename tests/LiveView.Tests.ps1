# Show-OneNetDevice as a user drives it: frames through -AsString (the view rendered off-screen), the real terminal
# through a pseudo-terminal (script(1)) when the machine has one, and a host that cannot draw.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:sim, $script:product, $script:session = Start-TestSimulator -DeviceCount 4
    function Get-Row([string] $Frame, [string] $Device) { @($Frame -split "`n" | Where-Object { $_ -match "\b$Device\b" }) }
}

AfterAll { Stop-TestSimulator }

Describe 'Show-OneNetDevice' {
    It 'draws a row for each device from the pipeline, with the session in the header and the totals in the footer' {
        $frames = @($sim.Devices | Where-Object ProductId -eq $product | Show-OneNetDevice -AsString -RefreshMs 100 -TimeoutSec 1)
        $frames.Count | Should -BeGreaterThan 1
        $frame = $frames[-1]
        foreach ($device in 'device0001', 'device0002', 'device0003', 'device0004') {
            Get-Row $frame $device | Should -HaveCount 1
        }
        $frame | Should -Match "session $($session.Id) .* Connected · reconnects 0"
        $frame | Should -Match '4 devices · 4 online · 0 offline · 0 unknown' -Because 'the platform says the quiet devices are online'
        $frame | Should -Match 'temperature' -Because 'the thing model names the columns before anything is reported'
    }

    It 'shows the values of the next reports in the following frames' {
        $frames = @(Show-OneNetDevice $product device0001, device0002 -AsString -RefreshMs 100 -TimeoutSec 3 |
                ForEach-Object -Begin { $n = 0 } -Process { if (++$n -eq 2) { $sim.EmitPropertyReports(1) }; $_ })
        $last = $frames[-1]
        (Get-Row $last device0001) | Should -Match 'online'
        $temperature = $sim.Devices | Where-Object { $_.ProductId -eq $product -and $_.DeviceName -eq 'device0001' } | ForEach-Object { $_.Properties['temperature'] }
        $t = [double] $temperature
        $shown = if ($t -eq [math]::Floor($t)) { $t.ToString('0.0', [cultureinfo]::InvariantCulture) } else { $t.ToString('R', [cultureinfo]::InvariantCulture) }
        (Get-Row $last device0001) | Should -Match ([regex]::Escape($shown)) -Because 'the row shows the value the device reported'
        $last | Should -Match '2 online'
    }

    It 'shows a quiet device''s status and last time online from the platform before it says anything' {
        $sim.SetDeviceOnline($product, 'device0004', $false)
        try {
            $frame = Show-OneNetDevice $product device0001, device0004 -AsString -RefreshMs 100 -TimeoutSec 1 | Select-Object -Last 1
            (Get-Row $frame device0004) | Should -Match 'offline'
            (Get-Row $frame device0001) | Should -Match 'online'
            $frame | Should -Match '2 devices · 1 online · 1 offline · 0 unknown'
            $frame | Should -Match ' 0 messages' -Because 'what the platform said is not a message'
        }
        finally { $sim.SetDeviceOnline($product, 'device0004', $true) }
    }

    It 'without a project to ask, shows devices as unknown until they speak, and says why under -Verbose' {
        $noProject = Connect-OneNet -UserId $sim.UserId -AccessKey $sim.AccessKey -Server $sim.Host -Port $sim.Port -ApiEndpoint $sim.ApiEndpoint
        try {
            $output = Show-OneNetDevice $product device0001 -AsString -RefreshMs 100 -TimeoutSec 1 -Session $noProject -Verbose 4>&1
            $frame = $output | Where-Object { $_ -is [string] } | Select-Object -Last 1
            (Get-Row $frame device0001) | Should -Match 'unknown'
            "$($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })" | Should -Match 'names no project'
        }
        finally { $noProject | Disconnect-OneNet }
    }

    It 'shows a device going offline' {
        $frames = @(Show-OneNetDevice $product device0003 -AsString -RefreshMs 100 -TimeoutSec 3 |
                ForEach-Object -Begin { $n = 0 } -Process { if (++$n -eq 2) { $sim.SetDeviceOnline($product, 'device0003', $false) }; $_ })
        (Get-Row $frames[-1] device0003) | Should -Match 'offline'
        $frames[-1] | Should -Match '1 offline'
        $sim.SetDeviceOnline($product, 'device0003', $true)
    }

    It 'shows the most active devices and how many more when they do not fit' {
        $sim.EmitPropertyReports(1)
        $frame = $sim.Devices | Show-OneNetDevice -AsString -Width 100 -Height 10 -RefreshMs 100 -TimeoutSec 1 | Select-Object -Last 1
        @($frame -split "`n" | Where-Object { $_ -match 'device\d{4}' }).Count | Should -Be 2
        $frame | Should -Match "top 2 by activity, $($sim.Devices.Count - 2) more"
    }

    It 'ends after -TimeoutSec and releases its subscriptions' {
        $elapsed = Measure-Command { $null = Show-OneNetDevice $product device0001 -AsString -TimeoutSec 1 }
        $elapsed.TotalSeconds | Should -BeLessThan 10
        $session.SubscriptionCount | Should -Be 0
    }

    It 'ends promptly on Ctrl+C' {
        $frames = [System.Collections.Concurrent.ConcurrentQueue[object]]::new()
        $ps = New-ModulePowerShell
        $null = $ps.AddScript('param($p, $s, $sink) Show-OneNetDevice $p device0001 -AsString -RefreshMs 100 -Session $s | ForEach-Object { $sink.Enqueue($_) }').
            AddArgument($product).AddArgument($session).AddArgument($frames)
        $handle = $ps.BeginInvoke()
        try {
            Wait-Until { $frames.Count -ge 2 } -Because 'the view draws frames'
            $stop = $ps.BeginStop($null, $null)
            $stop.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(5)) | Should -BeTrue -Because 'Ctrl+C ends the view at once'
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            Wait-Until { $session.SubscriptionCount -eq 0 } -Because 'the stopped view releases its subscriptions'
        }
        finally { $ps.Dispose() }
    }

    It 'tells a host that cannot draw to use Watch-OneNetDevice, before the pipeline upstream runs' {
        $upstream = 0
        { & { $script:upstream++; [pscustomobject]@{ ProductId = $product; DeviceName = 'device0001' } } | Show-OneNetDevice -TimeoutSec 1 } |
            Should -Throw -ErrorId 'OneNetLiveViewNeedsTerminal,OneNetStudio.Commands.ShowOneNetDeviceCommand'
        $upstream | Should -Be 0
        try { Show-OneNetDevice $product device0001 -TimeoutSec 1 } catch { $caught = $_ }
        $caught.CategoryInfo.Category | Should -Be 'InvalidOperation'
        $caught.Exception.Message | Should -Match 'Watch-OneNetDevice'
    }

    It 'gives the same error in a fresh pwsh whose output is redirected' {
        $manifest = Join-Path $env:ONENET_TEST_MODULE 'OneNetStudio.psd1'
        $result = Invoke-FreshPwsh "Import-Module '$manifest'; `$s = Start-OneNetSimulator -DeviceCount 2; `$null = `$s | Connect-OneNet; try { `$s.Devices | Show-OneNetDevice -TimeoutSec 2 | Out-String } catch { 'ID=' + `$_.FullyQualifiedErrorId; `$_.Exception.Message }"
        $result.Output | Should -Match 'ID=OneNetLiveViewNeedsTerminal'
        $result.Output | Should -Match 'output is redirected.*Watch-OneNetDevice'
    }

    It 'redraws in place on a real terminal, ends on q and leaves the cursor shown and the frame cleared' -Skip:(-not (Get-Command script -ErrorAction Ignore) -or -not $IsLinux) {
        $manifest = Join-Path $env:ONENET_TEST_MODULE 'OneNetStudio.psd1'
        $scriptFile = Join-Path $TestDrive 'terminal.ps1'
        $marker = Join-Path $TestDrive 'drawing'
        Set-Content $scriptFile @"
Import-Module '$manifest'
`$s = Start-OneNetSimulator -DeviceCount 3 -ReportIntervalMs 200
`$null = `$s | Connect-OneNet
`$null = New-Item '$marker'
`$s.Devices | Show-OneNetDevice -RefreshMs 100 -TimeoutSec 60
'VIEW ENDED'
"@
        $pwsh = (@(Get-PwshCommandLine) | ForEach-Object { "'$_'" }) -join ' '
        $out = Join-Path $TestDrive 'terminal.out'
        $runner = Join-Path $TestDrive 'terminal.sh'
        # script(1) gives pwsh a pseudo-terminal; q is typed once the view has had a few seconds to draw.
        Set-Content $runner @"
(for i in `$(seq 600); do [ -e '$marker' ] && break; sleep 0.1; done; sleep 3; printf q) |
  timeout 90 script -qfec "stty cols 110 rows 20; $pwsh -NoProfile -File '$scriptFile'" /dev/null > '$out' 2>&1
"@
        & bash $runner
        $text = Get-Content $out -Raw
        $text | Should -Match 'VIEW ENDED' -Because 'q ends the view and the script goes on'
        ([regex]::Matches($text, 'OneNET fleet')).Count | Should -BeGreaterThan 3 -Because 'the view redraws a few times a second'
        $text | Should -Match 'device0001'
        $text | Should -Match '\d+ online' 
        $afterView = $text.Substring($text.LastIndexOf('OneNET fleet'))
        $afterView | Should -Match ([regex]::Escape("`e[J`e[?25h") + '[\s\S]*VIEW ENDED') -Because 'the frame is cleared and the cursor shown before the script goes on'
    }
}

Describe 'Show-OneNetDevice''s Spectre.Console' {
    It 'loads in the module''s own context, beside another module''s different Spectre.Console' {
        $dir = (New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "onenet-spectre-$([guid]::NewGuid().ToString('N'))")).FullName
        try {
            # What PwshSpectreConsole would bring, loaded first into the default context: a Spectre.Console 1.0.0.0.
            $assembly = [System.Reflection.Emit.PersistedAssemblyBuilder]::new([System.Reflection.AssemblyName]::new('Spectre.Console, Version=1.0.0.0'), [object].Assembly)
            $null = $assembly.DefineDynamicModule('Spectre.Console').DefineType('Spectre.Console.OtherModuleMarker', 'Public, Class, Abstract, Sealed').CreateType()
            $assembly.Save((Join-Path $dir 'Spectre.Console.dll'))
            $manifest = Join-Path $env:ONENET_TEST_MODULE 'OneNetStudio.psd1'
            $run = Invoke-FreshPwsh -Command @"
`$ErrorActionPreference = 'Stop'
Add-Type -Path '$dir/Spectre.Console.dll'
Import-Module '$manifest'
`$sim = Start-OneNetSimulator -DeviceCount 1
`$sim | Connect-OneNet | Out-Null
if ((`$sim.Devices | Show-OneNetDevice -AsString -TimeoutSec 1 | Select-Object -Last 1) -match 'device0001') { 'frame drawn' }
[AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'Spectre.Console' } | ForEach-Object {
    'spectre {0} in {1}' -f `$_.GetName().Version, [Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$_).Name
}
"@
            $run.ExitCode | Should -Be 0 -Because $run.Output
            $run.Output | Should -Match 'frame drawn'
            $run.Output | Should -Match 'spectre 1\.0\.0\.0 in Default'
            $run.Output | Should -Match 'spectre 0\.\d+\.\d+\.\d+ in OneNetStudio'
        }
        finally { Remove-Item $dir -Recurse -Force -ErrorAction Ignore }
    }

    It 'appears in no cmdlet''s parameters or output types' {
        foreach ($command in Get-Command -Module OneNetStudio) {
            foreach ($parameter in $command.Parameters.Values) { $parameter.ParameterType.FullName | Should -Not -Match 'Spectre' }
            foreach ($output in $command.OutputType) { $output.Name | Should -Not -Match 'Spectre' }
        }
    }
}
