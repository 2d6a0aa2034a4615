#Requires -Version 7.4
<#
.SYNOPSIS
    Runs the Pester tests against a built module; called by build.ps1 Test in a fresh pwsh.
.PARAMETER TestPath
    Only these test files, for example tests/Help.Tests.ps1 while working on the help; by default every *.Tests.ps1.
#>
param(
    [Parameter(Mandatory)][string] $PesterManifest,
    [Parameter(Mandatory)][string] $ModulePath,
    [string[]] $TestPath = $PSScriptRoot
)
$ErrorActionPreference = 'Stop'
Import-Module $PesterManifest -Force
$env:ONENET_TEST_MODULE = (Resolve-Path $ModulePath).Path

$configuration = New-PesterConfiguration
$configuration.Run.Path = $TestPath
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Detailed'
$configuration.TestResult.Enabled = $false
$result = Invoke-Pester -Configuration $configuration

"Pester: $($result.PassedCount) passed, $($result.FailedCount) failed, $($result.SkippedCount) skipped"
if ($result.FailedCount -gt 0 -or $result.Result -ne 'Passed') { exit 1 }
exit 0
