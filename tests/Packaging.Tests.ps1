# How the module ships and loads: its own MQTTnet beside another module's, and the .nupkg that build.ps1 Package makes.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
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
            $run = Invoke-FreshPwsh -Command $script
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
            $run = Invoke-FreshPwsh -Command (
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
