# The scheduled-script set-up of about_OneNetStudio and the README, run as written: build.ps1 Install's step
# (tools/Install.ps1) into a temporary home, then the documented script through the documented crontab line and
# systemd ExecStart=, each in the minimal environment its scheduler gives, against a simulator. The script and the
# commands are read from the docs, so the docs cannot change without this test noticing.
Describe 'Scheduled scripts, as documented' -Skip:(-not $IsLinux) {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'common.ps1')
        $script:sim = Start-OneNetSimulator -DeviceCount 3 -EventProbability 0
        $script:product = $sim.ProductId[0]
        $repoRoot = Split-Path $PSScriptRoot -Parent
        $script:aboutTopic = Join-Path $repoRoot 'docs/en-US/about_OneNetStudio.md'
        $script:readme = Join-Path $repoRoot 'README.md'
        $script:user = [Environment]::UserName

        # The text of the first code block that starts with $Start: fenced (the README) or indented by four spaces (the
        # about topic, which Get-Help shows as plain text).
        function Find-CodeBlock([string] $Path, [string] $Start) {
            $blocks = [System.Collections.Generic.List[string]]::new()
            $lines = $null
            $fenced = $false
            foreach ($line in @(Get-Content $Path) + '') {
                if ($line.StartsWith('```')) {
                    if ($fenced) { $blocks.Add($lines -join "`n"); $lines = $null }
                    else { $lines = [System.Collections.Generic.List[string]]::new() }
                    $fenced = -not $fenced
                }
                elseif ($fenced) { $lines.Add($line) }
                elseif ($line.StartsWith('    ')) {
                    if ($null -eq $lines) { $lines = [System.Collections.Generic.List[string]]::new() }
                    $lines.Add($line.Substring(4))
                }
                elseif ($null -ne $lines -and $line -eq '') { $lines.Add('') }
                elseif ($null -ne $lines) { $blocks.Add(($lines -join "`n").TrimEnd()); $lines = $null }
            }
            $block = $blocks | Where-Object { $_.StartsWith($Start) } | Select-Object -First 1
            if (-not $block) { throw "$Path has no code block that starts with '$Start'." }
            $block
        }

        # The documented places, moved into this test's temporary folder; the documented pwsh, the one Install printed.
        $script:work = (New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "onenet-scheduled-$([guid]::NewGuid().ToString('N'))")).FullName
        $script:homeDir = (New-Item -ItemType Directory -Path (Join-Path $work 'home/onenet')).FullName
        $script:scriptDir = (New-Item -ItemType Directory -Path (Join-Path $work 'opt/onenet')).FullName
        $script:etcDir = (New-Item -ItemType Directory -Path (Join-Path $work 'etc/onenet')).FullName
        $script:scheduledPwsh = "$homeDir/.dotnet/tools/pwsh"
        function ConvertTo-TestPath([string] $Text) {
            # One pass, longest first: the temporary folders themselves contain /home/onenet.
            $places = [ordered]@{ '/home/onenet/.dotnet/tools/pwsh' = $scheduledPwsh; '/home/onenet' = $homeDir; '/opt/onenet' = $scriptDir; '/etc/onenet' = $etcDir }
            [regex]::Replace($Text, (@($places.Keys | ForEach-Object { [regex]::Escape($_) }) -join '|'), { param($match) $places[$match.Value] })
        }

        # Runs a command with exactly the given environment (env -i), as a scheduler starts it.
        function Invoke-InEnvironment([string[]] $Environment, [string] $WorkingDirectory, [string[]] $Command) {
            Push-Location $WorkingDirectory
            try { $output = & /usr/bin/env -i @Environment @Command 2>&1 }
            finally { Pop-Location }
            [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = ($output | Out-String) -replace '\x1b\[[0-9;?]*[A-Za-z]', '' }
        }
        function Invoke-CronLine {
            $line = ConvertTo-TestPath (Find-CodeBlock $aboutTopic '0 6 * * * ')
            $command = ($line -split ' ', 6)[5]    # after minute, hour, day of month, month and day of week
            Invoke-InEnvironment @("HOME=$homeDir", "LOGNAME=$user", 'SHELL=/bin/sh', 'PATH=/usr/bin:/bin') $homeDir @('/bin/sh', '-c', $command)
        }
        function Set-Setpoints([hashtable] $TemperatureByDevice) {
            $rows = $TemperatureByDevice.GetEnumerator() | ForEach-Object { [pscustomobject]@{ ProductId = $product; DeviceName = $_.Key; Temperature = $_.Value } }
            $rows | Export-Csv (Join-Path $scriptDir 'setpoints.csv')
        }

        # Install as the docs say, but into the temporary home: Package.ps1 then Install.ps1 (what build.ps1 Install
        # runs after its build) in a child pwsh whose HOME is that folder, so neither the module, the global tool nor the
        # PSResourceGet registration touches the real user's. NUGET_PACKAGES keeps the NuGet cache, where Install finds
        # the PowerShell package that 'dotnet tool restore' put there.
        $dotnet = (Get-Command dotnet -CommandType Application | Select-Object -First 1).Source
        $nugetCache = ((& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
        $pwsh = @(Get-PwshCommandLine)
        $feed = Join-Path $work 'package'
        $setup = "& '$repoRoot/tools/Package.ps1' -ModulePath '$env:ONENET_TEST_MODULE' -OutputPath '$feed'; & '$repoRoot/tools/Install.ps1' -PackagePath '$feed'"
        $installEnvironment = @("HOME=$homeDir", "PATH=$(Split-Path $dotnet -Parent):/usr/bin:/bin", "NUGET_PACKAGES=$nugetCache",
            'DOTNET_NOLOGO=1', 'DOTNET_CLI_TELEMETRY_OPTOUT=1', 'DOTNET_GENERATE_ASPNET_CERTIFICATE=false')
        $script:install = Invoke-InEnvironment $installEnvironment $work ($pwsh + '-NoProfile', '-NonInteractive', '-Command', $setup)
        $script:printedCommand = [regex]::Match($install.Output, '(?m)^Scheduled command: (.+?)\s*$').Groups[1].Value
        # With dotnet outside /usr/bin, Install prints the global tool's pwsh behind /usr/bin/env DOTNET_ROOT=... PATH=...
        if ($printedCommand -match "^(/usr/bin/env DOTNET_ROOT=\S+ PATH=\S+ $([regex]::Escape($scheduledPwsh))) ") { $script:scheduledPwsh = $Matches[1] }

        # The documented script, verbatim, where the docs put it; the identity file from the documented one, with the
        # simulator's values.
        $scriptBlock = Find-CodeBlock $aboutTopic '# /opt/onenet/set-setpoints.ps1'
        $script:jobScript = ConvertTo-TestPath ($scriptBlock -split "`n")[0].Substring(2)
        Set-Content -Path $jobScript -Value $scriptBlock
        $simulatorValues = @{
            ONENET_USER_ID    = $sim.UserId
            ONENET_ACCESS_KEY = [Net.NetworkCredential]::new('', $sim.AccessKey).Password
            ONENET_SERVER     = $sim.Host
            ONENET_PORT       = $sim.Port
            # Sets check values against the thing model, read over HTTP: the simulator's API stands in for the platform's.
            ONENET_API_ENDPOINT = $sim.ApiEndpoint
        }
        $documentedNames = @((Find-CodeBlock $aboutTopic 'ONENET_USER_ID=') -split "`n" | ForEach-Object { ($_ -split '=', 2)[0] }) + 'ONENET_SERVER', 'ONENET_PORT', 'ONENET_API_ENDPOINT'
        $credentialLines = $documentedNames | Select-Object -Unique | ForEach-Object {
            if (-not $simulatorValues.ContainsKey($_)) { throw "The documented credentials file sets $_, which this test does not know." }
            "$_=$($simulatorValues[$_])"
        }
        Set-Content -Path (Join-Path $etcDir 'credentials.env') -Value $credentialLines
    }

    AfterAll {
        Stop-OneNetSimulator
        Remove-Item $work -Recurse -Force -ErrorAction Ignore
    }

    It 'Install puts the module and a pwsh into the home and prints the documented command' {
        $install.ExitCode | Should -Be 0 -Because $install.Output
        Join-Path $homeDir '.local/share/powershell/Modules/OneNetStudio/*/OneNetStudio.psd1' | Should -Exist
        Join-Path $homeDir '.dotnet/tools/pwsh' | Should -Exist
        Join-Path $homeDir '.local/share/PSResourceGet/PSResourceRepository.xml' | Should -Not -FileContentMatch 'OneNetStudioLocalBuild'
        Join-Path $work 'NuGet' | Should -Not -Exist -Because 'a fresh account''s first Install must not write NuGet settings into the folder it runs from (the repository)'
        $printedCommand | Should -BeExactly (ConvertTo-TestPath (Find-CodeBlock $aboutTopic 'Scheduled command: ').Substring('Scheduled command: '.Length))
    }

    It 'the crontab line runs the script: exit code 0, nothing printed, every device set' {
        Set-Setpoints @{ device0001 = 21.5; device0002 = 22.5 }
        $run = Invoke-CronLine
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Output.Trim() | Should -BeNullOrEmpty
        $sim.GetDevice($product, 'device0001').Properties.temperature | Should -Be 21.5
        $sim.GetDevice($product, 'device0002').Properties.temperature | Should -Be 22.5
    }

    It 'the crontab line exits non-zero on a failed set, naming the device and the reason' {
        Set-Setpoints @{ device0001 = 23.5; nosuchdevice = 24.5 }
        $run = Invoke-CronLine
        $run.ExitCode | Should -Not -Be 0
        $run.Output | Should -Match 'nosuchdevice'
        $run.Output | Should -Match 'deviceNotFound'
    }

    It 'the systemd service''s ExecStart= runs the script with its EnvironmentFile=' {
        $unit = Find-CodeBlock $aboutTopic '# /etc/systemd/system/onenet-setpoints.service'
        $execStart = ConvertTo-TestPath ([regex]::Match($unit, '(?m)^ExecStart=(.+)$').Groups[1].Value)
        $environmentFile = ConvertTo-TestPath ([regex]::Match($unit, '(?m)^EnvironmentFile=(.+)$').Groups[1].Value)
        $environmentFile | Should -Be (Join-Path $etcDir 'credentials.env')
        Set-Setpoints @{ device0002 = 31.5; device0003 = 32.5 }
        # What systemd gives a User= service: HOME, USER, LOGNAME, its default PATH, the EnvironmentFile= variables; cwd /.
        $environment = @("HOME=$homeDir", "USER=$user", "LOGNAME=$user", 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin') + (Get-Content $environmentFile)
        $run = Invoke-InEnvironment $environment '/' ($execStart -split ' ')
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $sim.GetDevice($product, 'device0002').Properties.temperature | Should -Be 31.5
        $sim.GetDevice($product, 'device0003').Properties.temperature | Should -Be 32.5
    }

    It 'the README shows the same <Name> as the about topic' -ForEach @(
        @{ Name = 'Install output'; Start = 'Scheduled command: ' }
        @{ Name = 'script'; Start = '# /opt/onenet/set-setpoints.ps1' }
        @{ Name = 'first run by hand'; Start = '(set -a; ' }
        @{ Name = 'crontab line'; Start = '0 6 * * * ' }
        @{ Name = 'systemd units'; Start = '# /etc/systemd/system/onenet-setpoints.service' }
    ) {
        Find-CodeBlock $readme $Start | Should -BeExactly (Find-CodeBlock $aboutTopic $Start)
    }
}
