#Requires -Version 7.4
<#
.SYNOPSIS
    Installs the packed module for the current user, and a pwsh that cron and systemd can run (called by build.ps1
    Install in a fresh pwsh).
.DESCRIPTION
    The module: Install-PSResource -Scope CurrentUser -Reinstall from a local repository on -PackagePath that is
    registered only for the install, so Import-Module OneNetStudio works from any folder in any pwsh 7.4+ run as this
    user.

    A pwsh for schedulers: the repository's pwsh is a local tool, reachable only as 'dotnet pwsh' inside the
    repository. So the same PowerShell is installed as a .NET global tool (~/.dotnet/tools/pwsh), from the package that
    'dotnet tool restore' put in the NuGet cache (no download), unless a global pwsh tool is already installed. That
    pwsh runs the 'dotnet' it finds on PATH, so the command is tried as cron would run it (env -i HOME=... PATH=/usr/bin:/bin);
    if that fails, with the DOTNET_ROOT and PATH of the dotnet running this script. The command that worked is printed.
#>
param(
    # The folder with OneNetStudio.<version>.nupkg: build.ps1 Package's out/package.
    [Parameter(Mandatory)][string] $PackagePath
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
Import-Module Microsoft.PowerShell.PSResourceGet

$repositoryName = 'OneNetStudioLocalBuild'
# cron's PATH; systemd's default PATH includes it, so a command that works with it works under both.
$cronPath = '/usr/bin:/bin'

function Install-ModuleForCurrentUser {
    if (-not (Get-ChildItem $PackagePath -Filter 'OneNetStudio.*.nupkg')) { throw "No OneNetStudio.*.nupkg in ${PackagePath}: run build.ps1 Package first." }
    # A registration left behind by an interrupted run would make Register fail; the name is ours, so replace it.
    if (Get-PSResourceRepository -Name $repositoryName -ErrorAction Ignore) { Unregister-PSResourceRepository -Name $repositoryName }
    Register-PSResourceRepository -Name $repositoryName -Uri (Resolve-Path $PackagePath).Path -Trusted
    try {
        $installed = Install-PSResource -Name OneNetStudio -Repository $repositoryName -Scope CurrentUser -TrustRepository -Reinstall -Quiet -PassThru
    }
    finally {
        Unregister-PSResourceRepository -Name $repositoryName
    }
    [pscustomobject]@{ Version = $installed.Version; ModuleBase = Join-Path $installed.InstalledLocation $installed.Name $installed.Version }
}

function Get-DotnetHost {
    # build.ps1 runs this script as 'dotnet pwsh', so the process is the dotnet host; from another pwsh, PATH's dotnet.
    $path = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($path) -ne 'dotnet') { $path = (Get-Command dotnet -CommandType Application | Select-Object -First 1).Source }
    $target = [IO.File]::ResolveLinkTarget($path, $true)
    if ($target) { $target.FullName } else { $path }
}

function Install-PwshGlobalTool([string] $Dotnet) {
    $toolsHome = if ($env:DOTNET_CLI_HOME) { $env:DOTNET_CLI_HOME } else { $HOME }
    $pwsh = Join-Path $toolsHome '.dotnet' 'tools' ($IsWindows ? 'pwsh.exe' : 'pwsh')
    $existing = @((& $Dotnet tool list --global --format json | ConvertFrom-Json).data | Where-Object { $_.commands -contains 'pwsh' })
    if ($existing) {
        return [pscustomobject]@{ Path = $pwsh; Note = "the global tool $($existing[0].packageId) $($existing[0].version), already installed: kept as it is" }
    }
    $version = (Get-Content (Join-Path $PSScriptRoot '../.config/dotnet-tools.json') -Raw | ConvertFrom-Json).tools.powershell.version
    $cache = ((& $Dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', '').Trim()
    $source = Join-Path $cache 'powershell' $version
    if (-not (Test-Path (Join-Path $source "powershell.$version.nupkg"))) {
        throw "PowerShell $version is not in the NuGet cache (${source}): run 'dotnet tool restore' in the repository first."
    }
    $output = & $Dotnet tool install --global PowerShell --version $version --source $source 2>&1
    if ($LASTEXITCODE -ne 0) { throw "dotnet tool install --global PowerShell --version $version failed:`n$($output -join "`n")" }
    [pscustomobject]@{ Path = $pwsh; Note = "PowerShell $version, installed now as a .NET global tool" }
}

function Format-Command([string[]] $Words) {
    ($Words | ForEach-Object { $_ -match '\s' ? "`"$_`"" : $_ }) -join ' '
}

# Runs Import-Module OneNetStudio with the candidate command as cron would: from HOME, with only HOME, LOGNAME and
# cron's PATH. It works when the module loads from the folder just installed.
function Test-ScheduledCommand([string[]] $Command, [string] $ModuleBase) {
    $probe = @('-NoProfile', '-NonInteractive', '-Command', 'Import-Module OneNetStudio -ErrorAction Stop; (Get-Module OneNetStudio).ModuleBase')
    $cronEnvironment = $IsWindows ? @() : @('/usr/bin/env', '-i', "HOME=$HOME", "LOGNAME=$([Environment]::UserName)", "PATH=$cronPath")
    $launch = @($cronEnvironment) + $Command + $probe
    Push-Location $HOME
    try { $output = @(& $launch[0] @($launch | Select-Object -Skip 1) 2>&1) }
    finally { Pop-Location }
    $loaded = if ($output) { "$($output[-1])".Trim() } else { '' }
    [pscustomobject]@{ Works = ($LASTEXITCODE -eq 0 -and $loaded -eq $ModuleBase); Output = ($output -join "`n") }
}

$module = Install-ModuleForCurrentUser
$user = [Environment]::UserName
Write-Host "OneNetStudio $($module.Version) is installed for $user in $($module.ModuleBase)" -ForegroundColor Green
Write-Host "  Import-Module OneNetStudio works from any folder in any pwsh 7.4+ run as $user."

$dotnet = Get-DotnetHost
$pwsh = Install-PwshGlobalTool $dotnet
$dotnetRoot = Split-Path $dotnet -Parent
$candidates = @(, @($pwsh.Path))
if (-not $IsWindows) {
    # A dotnet outside /usr/bin (dotnet-install.sh's ~/.dotnet, say): the global tool needs to be told where it is.
    $candidates += , @('/usr/bin/env', "DOTNET_ROOT=$dotnetRoot", "PATH=${dotnetRoot}:$cronPath", $pwsh.Path)
}
$failures = @()
$scheduled = $null
foreach ($candidate in $candidates) {
    $result = Test-ScheduledCommand $candidate $module.ModuleBase
    if ($result.Works) { $scheduled = $candidate; break }
    $failures += "$(Format-Command $candidate):`n$($result.Output)"
}
if (-not $scheduled) {
    throw "No pwsh command imports the installed module in cron's environment (env -i HOME=$HOME PATH=$cronPath). Tried:`n$($failures -join "`n`n")"
}

Write-Host "pwsh for cron and systemd: $($pwsh.Path) ($($pwsh.Note))." -ForegroundColor Green
Write-Host "  The repository's own pwsh is a local tool that runs only as 'dotnet pwsh' inside the repository."
Write-Host "  Checked as cron runs it (env -i HOME=$HOME PATH=$cronPath): it imports OneNetStudio from $($module.ModuleBase)."
Write-Host "  Use this command, as $user, in the crontab line and in systemd's ExecStart= (User=$user):"
Write-Host "Scheduled command: $(Format-Command ($scheduled + '-NoProfile', '-NonInteractive', '-File')) <script.ps1>" -ForegroundColor Cyan
