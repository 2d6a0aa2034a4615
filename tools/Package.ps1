#Requires -Version 7.4
<#
.SYNOPSIS
    Packs the built module into a .nupkg with PSResourceGet (called by build.ps1 Package in a fresh pwsh).
.DESCRIPTION
    Publishes out/OneNetStudio to a temporary file repository whose folder is the output folder, so the result is a
    .nupkg that Install-PSResource and Save-PSResource accept from any local or remote NuGet feed.
#>
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [Parameter(Mandatory)][string] $OutputPath
)
$ErrorActionPreference = 'Stop'
Import-Module Microsoft.PowerShell.PSResourceGet
# Publish-PSResource's NuGet keeps its user settings in the ApplicationData folder (~/.config on Linux). On an account
# that has no such folder yet, .NET reports it as '' and NuGet writes NuGet/NuGet.Config into the current directory,
# the repository; creating the folder sends it where it belongs.
$null = [Environment]::GetFolderPath([Environment+SpecialFolder]::ApplicationData, [Environment+SpecialFolderOption]::Create)
$null = New-Item -ItemType Directory -Path $OutputPath -Force
Get-ChildItem $OutputPath -Filter 'OneNetStudio.*.nupkg' | Remove-Item -Force
$repository = "OneNetStudioBuild-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
Register-PSResourceRepository -Name $repository -Uri (Resolve-Path $OutputPath).Path -Trusted
try {
    Publish-PSResource -Path $ModulePath -Repository $repository -SkipDependenciesCheck
}
finally {
    Unregister-PSResourceRepository -Name $repository
}
$package = Get-ChildItem $OutputPath -Filter 'OneNetStudio.*.nupkg' | Select-Object -First 1
if (-not $package) { throw "Publish-PSResource produced no package in $OutputPath." }
Write-Host "Package ready: $($package.FullName)" -ForegroundColor Green
