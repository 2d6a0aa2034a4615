#Requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests and demonstrates the OneNetStudio module.
.DESCRIPTION
    Build  compiles the C# projects and lays out a ready-to-import module in out/OneNetStudio (manifest, DLLs,
           format file, MAML help built from docs/).
    Test   Build, then the xunit tests, then the Pester tests in a fresh pwsh against out/OneNetStudio. Installs
           what the tests need: Pester (NuGet) and, when running as root, Debian's mosquitto, mosquitto-clients, openssl and
           socat (a TLS front for the simulator's HTTP API).
    Demo   Build, then runs tools/Demo.ps1 in a fresh pwsh: the main job on the embedded simulator.
    Bench  Build, then tools/Bench.ps1 against Debian's mosquitto on loopback: the module beside mosquitto_sub and raw
           MQTTnet, printed as ratios and written to bench/results/<date>.json. Not part of Test.
    Package  Build, then packs out/OneNetStudio into out/package/OneNetStudio.<version>.nupkg with PSResourceGet,
           ready for Install-PSResource from a local or remote repository.
    Install  Package, then tools/Install.ps1: installs the module for the current user with Install-PSResource
           (-Scope CurrentUser, over an earlier install of the same version), so Import-Module OneNetStudio works from
           any folder in any pwsh 7.4+; installs PowerShell as a .NET global tool (~/.dotnet/tools/pwsh) unless one
           is there, for cron and systemd, which cannot run the repository's local tool; checks that pwsh in cron's
           environment and prints the exact command to schedule.
    Clean  Removes out/ and every bin/ and obj/ folder.
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 Test
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 Install
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Test', 'Demo', 'Bench', 'Package', 'Install', 'Clean')]
    [string[]] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Passed on to tools/Bench.ps1, for example -BenchArguments '-Count 50000 -Rounds 1'
    [string] $BenchArguments = ''
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = $PSScriptRoot
$moduleOut = Join-Path $root 'out/OneNetStudio'
$publishDir = Join-Path $root 'out/publish'

function Invoke-Native {
    param([Parameter(Mandatory)][string] $FilePath, [string[]] $ArgumentList = @())
    Write-Host "> $FilePath $($ArgumentList -join ' ')" -ForegroundColor DarkGray
    & $FilePath @ArgumentList
    if ($LASTEXITCODE -ne 0) { throw "'$FilePath $($ArgumentList -join ' ')' failed with exit code $LASTEXITCODE." }
}

function Invoke-FreshPwsh {
    param([Parameter(Mandatory)][string] $File, [string[]] $ArgumentList = @())
    # A child pwsh from the same pinned local tool, so tests and the demo never see the build's own session state.
    Invoke-Native dotnet (@('pwsh', '-NoLogo', '-NoProfile', '-NonInteractive', '-File', $File) + $ArgumentList)
}

# The version lives in Directory.Build.props (the assemblies); the manifest must say the same.
function Assert-OneVersion {
    $props = [xml](Get-Content (Join-Path $root 'Directory.Build.props') -Raw)
    $version = "$($props.Project.PropertyGroup.Version)".Trim()
    $manifestVersion = (Import-PowerShellDataFile (Join-Path $root 'OneNetStudio.psd1')).ModuleVersion
    if ($version -ne $manifestVersion) {
        throw "OneNetStudio.psd1 says ModuleVersion $manifestVersion but Directory.Build.props says Version ${version}: make them one."
    }
}

function Invoke-BuildTask {
    Assert-OneVersion
    Invoke-Native dotnet @('publish', (Join-Path $root 'src/OneNetStudio/OneNetStudio.csproj'), '-c', $Configuration, '-o', $publishDir, '--nologo', '-v', 'q')
    if (Test-Path $moduleOut) { Remove-Item $moduleOut -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $moduleOut
    # Only our assemblies, MQTTnet and Spectre.Console: pwsh supplies System.Text.Json and System.Management.Automation itself.
    # The cmdlets, the loader and the output types sit in the module root (PowerShell's default load context); the engine
    # MQTTnet, the live view and Spectre.Console go to dependencies/, which the loader puts in the module's own AssemblyLoadContext.
    $dependencies = New-Item -ItemType Directory -Path (Join-Path $moduleOut 'dependencies')
    $assemblies = @{ 'OneNetStudio' = $moduleOut; 'OneNetStudio.Loader' = $moduleOut; 'OneNetStudio.Model' = $moduleOut; 'OneNetStudio.Core' = $dependencies; 'OneNetStudio.Simulator' = $dependencies; 'MQTTnet' = $dependencies; 'MQTTnet.Server' = $dependencies; 'OneNetStudio.View' = $dependencies; 'Spectre.Console' = $dependencies; 'Spectre.Console.Ansi' = $dependencies }
    foreach ($name in $assemblies.Keys) {
        Copy-Item (Join-Path $publishDir "$name.dll") $assemblies[$name]
        $pdb = Join-Path $publishDir "$name.pdb"
        if (Test-Path $pdb) { Copy-Item $pdb $assemblies[$name] }
    }
    Copy-Item (Join-Path $root 'OneNetStudio.psd1') $moduleOut
    Copy-Item (Join-Path $root 'LICENSE') $moduleOut
    Copy-Item (Join-Path $root 'src/OneNetStudio/OneNetStudio.Format.ps1xml') $moduleOut
    Invoke-FreshPwsh (Join-Path $root 'tools/Build-Help.ps1') @('-ModulePath', $moduleOut, '-DocsPath', (Join-Path $root 'docs/en-US'), '-OutputPath', (Join-Path $moduleOut 'en-US'))
    if (Get-ChildItem $moduleOut -Recurse -Filter 'System.Text.Json.dll') { throw 'out/ must not ship System.Text.Json.dll.' }
    Write-Host "Module ready in $moduleOut" -ForegroundColor Green
}

function Get-PesterManifest {
    Invoke-Native dotnet @('restore', (Join-Path $root 'tests/tools.proj'), '--nologo', '-v', 'q')
    $cache = (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
    $manifest = Get-ChildItem (Join-Path $cache.Trim() 'pester') -Recurse -Filter 'Pester.psd1' | Select-Object -First 1
    if (-not $manifest) { throw "Pester was not found under $cache after the restore." }
    $manifest.FullName
}

function Test-TestTools {
    (Get-Command mosquitto_sub -ErrorAction Ignore) -and ((Test-Path /usr/sbin/mosquitto) -or (Get-Command mosquitto -ErrorAction Ignore)) -and
        (Get-Command openssl -ErrorAction Ignore) -and (Get-Command socat -ErrorAction Ignore)
}

# The interop tests start their own mosquitto broker on a free loopback port and stop it again; Debian's package must
# not start its system-wide service, so policy-rc.d forbids service starts during the install.
function Install-TestTools {
    if (Test-TestTools) { return }
    $isRoot = $IsLinux -and ((& id -u) -eq '0')
    if (-not ($isRoot -and (Get-Command apt-get -ErrorAction Ignore))) {
        Write-Warning 'mosquitto, openssl or socat is not installed and cannot be installed here (needs root and apt-get); the interop and TLS tests will be skipped.'
        return
    }
    $policy = '/usr/sbin/policy-rc.d'
    $ownPolicy = -not (Test-Path $policy)
    if ($ownPolicy) {
        Set-Content -Path $policy -Value "#!/bin/sh`nexit 101"
        & chmod +x $policy
    }
    try {
        $env:DEBIAN_FRONTEND = 'noninteractive'
        Invoke-Native apt-get @('update', '-qq')
        Invoke-Native apt-get @('install', '-y', '-qq', '--no-install-recommends', 'mosquitto', 'mosquitto-clients', 'openssl', 'socat')
    }
    finally {
        if ($ownPolicy) { Remove-Item $policy -Force }
    }
}

function Invoke-TestTask {
    Invoke-BuildTask
    Install-TestTools
    # A test that hangs fails the run within minutes, named, instead of holding CI until its limit.
    Invoke-Native dotnet @('test', (Join-Path $root 'tests/OneNetStudio.Tests/OneNetStudio.Tests.csproj'), '-c', $Configuration, '--nologo', '-v', 'q', '--logger', 'console;verbosity=minimal',
        '--blame-hang', '--blame-hang-timeout', '3m', '--blame-hang-dump-type', 'none')
    $pester = Get-PesterManifest
    Invoke-FreshPwsh (Join-Path $root 'tests/Invoke-PesterTests.ps1') @('-PesterManifest', $pester, '-ModulePath', $moduleOut)
}

function Invoke-DemoTask {
    Invoke-BuildTask
    Invoke-FreshPwsh (Join-Path $root 'tools/Demo.ps1') @('-ModulePath', $moduleOut)
}

function Invoke-BenchTask {
    Invoke-BuildTask
    Install-TestTools
    Invoke-Native dotnet @('build', (Join-Path $root 'bench/OneNetStudio.Bench/OneNetStudio.Bench.csproj'), '-c', 'Release', '--nologo', '-v', 'q')
    Invoke-Native dotnet @('build', (Join-Path $root 'bench/OneNetStudio.Bench.Cmdlets/OneNetStudio.Bench.Cmdlets.csproj'), '-c', 'Release', '--nologo', '-v', 'q')
    $exe = Join-Path $root 'bench/OneNetStudio.Bench/bin/Release/net10.0/OneNetStudio.Bench'
    if ($IsWindows) { $exe += '.exe' }
    $cmdlets = Join-Path $root 'bench/OneNetStudio.Bench.Cmdlets/bin/Release/net8.0/OneNetStudio.Bench.Cmdlets.dll'
    Invoke-FreshPwsh (Join-Path $root 'tools/Bench.ps1') (@('-ModulePath', $moduleOut, '-BenchExe', $exe, '-BenchCmdlets', $cmdlets) + @($BenchArguments -split '\s+' | Where-Object { $_ }))
}

function Invoke-PackageTask {
    Invoke-BuildTask
    Invoke-FreshPwsh (Join-Path $root 'tools/Package.ps1') @('-ModulePath', $moduleOut, '-OutputPath', (Join-Path $root 'out/package'))
}

function Invoke-InstallTask {
    Invoke-PackageTask
    Invoke-FreshPwsh (Join-Path $root 'tools/Install.ps1') @('-PackagePath', (Join-Path $root 'out/package'))
}

function Invoke-CleanTask {
    Get-ChildItem $root -Directory -Recurse -Include bin, obj | Remove-Item -Recurse -Force
    if (Test-Path (Join-Path $root 'out')) { Remove-Item (Join-Path $root 'out') -Recurse -Force }
}

Push-Location $root
try {
    foreach ($t in $Task) {
        Write-Host "=== $t ===" -ForegroundColor Cyan
        & "Invoke-$($t)Task"   # not Invoke-Build: that name belongs to the well-known build module
    }
}
finally {
    Pop-Location
}
