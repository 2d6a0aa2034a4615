# What the Pester tests share. Every *.Tests.ps1 dot-sources it first in its BeforeAll:
#
#     BeforeAll { . (Join-Path $PSScriptRoot 'common.ps1') }
#
# It imports the built module under test (build.ps1 Test names its folder in ONENET_TEST_MODULE) and defines helpers;
# it starts nothing. Helpers poll conditions rather than sleep, and say what they waited for when it does not come.

$modulePath = Join-Path $env:ONENET_TEST_MODULE 'OneNetStudio.psd1'
Import-Module $modulePath -Force

# A simulator for a test file: no reports unless -ReportIntervalMs asks for them, no events unless -EventProbability
# does; the runspace's current session is connected to it unless -NoSession. Returns the simulator, its first product
# id and the session:
#     $script:sim, $script:product, $script:session = Start-TestSimulator -DeviceCount 4
function Start-TestSimulator {
    param([int] $DeviceCount = 4, [int] $ReportIntervalMs = 3600000, [double] $EventProbability = 0, [switch] $NoSession)
    $simulator = Start-OneNetSimulator -DeviceCount $DeviceCount -ReportIntervalMs $ReportIntervalMs -EventProbability $EventProbability
    $simulator
    $simulator.ProductId[0]
    if (-not $NoSession) { $simulator | Connect-OneNet }
}

# For AfterAll: closes every session and stops every simulator of the runspace.
function Stop-TestSimulator {
    Get-OneNetSession | Disconnect-OneNet
    Stop-OneNetSimulator
}

# Polls $Condition until it is true; throws, naming what it waited for, after -TimeoutSec.
function Wait-Until {
    param([Parameter(Mandatory)][scriptblock] $Condition, [double] $TimeoutSec = 15, [string] $Because)
    $waitDeadline = [datetime]::UtcNow.AddSeconds($TimeoutSec)
    while (-not (& $Condition)) {
        if ([datetime]::UtcNow -gt $waitDeadline) {
            throw "Waited $TimeoutSec s in vain for: $(if ($Because) { $Because } else { "{$Condition}" })"
        }
        Start-Sleep -Milliseconds 20
    }
}

# A loopback port that nothing listens on (free when asked).
function Get-FreePort {
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

# Waits until something accepts TCP connections on 127.0.0.1:$Port.
function Wait-TcpPort([int] $Port, [double] $TimeoutSec = 10) {
    Wait-Until { try { $c = [System.Net.Sockets.TcpClient]::new('127.0.0.1', $Port); $c.Dispose(); $true } catch { $false } } -TimeoutSec $TimeoutSec -Because "a listener on 127.0.0.1:$Port"
}

# This PowerShell as a command line: pwsh itself, or dotnet with pwsh.dll when it runs as the repository's local tool.
function Get-PwshCommandLine {
    $exe = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { @($exe, (Join-Path $PSHOME 'pwsh.dll')) } else { @($exe) }
}

# Runs pwsh in a new process, as cron, systemd or a user's new shell would: -Command $Command, or exactly -ArgumentList.
# Returns its output (standard output and error, as one string) and its exit code.
function Invoke-FreshPwsh {
    param(
        [Parameter(Mandatory, ParameterSetName = 'Command', Position = 0)][string] $Command,
        [Parameter(Mandatory, ParameterSetName = 'Arguments')][string[]] $ArgumentList
    )
    if ($PSCmdlet.ParameterSetName -eq 'Command') { $ArgumentList = '-NoLogo', '-NoProfile', '-NonInteractive', '-Command', $Command }
    $pwsh = @(Get-PwshCommandLine)
    $pwshArguments = @($pwsh | Select-Object -Skip 1) + $ArgumentList
    $output = & $pwsh[0] @pwshArguments 2>&1
    [pscustomobject]@{ Output = ($output | Out-String); ExitCode = $LASTEXITCODE }
}

# A PowerShell in a new runspace with the module imported, for what must run beside the test's own pipeline (a watch
# to stop, a batch to interrupt) or apart from its session state. The caller adds commands, invokes and disposes it.
function New-ModulePowerShell {
    $ps = [powershell]::Create()
    $null = $ps.AddCommand('Import-Module').AddArgument((Join-Path $env:ONENET_TEST_MODULE 'OneNetStudio.psd1')).AddStatement()
    $ps
}

# Runs $Action (with -Arguments) in another runspace while the test's pipeline is busy (a watch, a set): at once, or,
# for anything a watch must see, once -Simulator has a new subscription to -Topic (a message published before that
# reaches nobody). The runspace has this file's helpers. Complete-Later waits for it and returns its output.
function Invoke-Later {
    param(
        [Parameter(Mandatory, Position = 0)][scriptblock] $Action,
        [Parameter(Position = 1)][object[]] $Arguments = @(),
        [string] $Topic,
        $Simulator
    )
    $ps = [powershell]::Create()
    foreach ($helper in 'Wait-Until', 'Get-FreePort', 'Wait-TcpPort', 'Find-Mosquitto', 'Start-Mosquitto') {
        $null = $ps.AddScript("function $helper {$((Get-Command $helper).ScriptBlock)}").AddStatement()
    }
    if ($Topic) {
        if (-not $Simulator) { throw 'Invoke-Later -Topic needs the -Simulator that will see the subscription.' }
        # A new SUBSCRIBE first (a previous test's subscription to the topic may not be gone yet), then this topic's.
        $null = $ps.AddScript({
                param($simulator, $topic, $before)
                Wait-Until { $simulator.Counters.Subscriptions -gt $before -and $simulator.HasSubscribers($topic) } -Because "a subscription to $topic"
            }).AddArgument($Simulator).AddArgument($Topic).AddArgument($Simulator.Counters.Subscriptions).AddStatement()
    }
    $null = $ps.AddScript($Action)
    foreach ($argument in $Arguments) { $null = $ps.AddArgument($argument) }
    [pscustomobject]@{ PowerShell = $ps; Handle = $ps.BeginInvoke() }
}

function Complete-Later($Later) {
    try { $Later.PowerShell.EndInvoke($Later.Handle) }
    finally { $Later.PowerShell.Dispose() }
}

# Debian's mosquitto where build.ps1 Test installs it; nothing when it is not installed.
function Find-Mosquitto {
    @('/usr/sbin/mosquitto', '/usr/bin/mosquitto') | Where-Object { Test-Path $_ } | Select-Object -First 1
}

# Starts mosquitto on 127.0.0.1:$Port (a free port unless given), configured in $Directory: plain, or TLS with a PEM
# certificate and key. Returns its process, port and configuration file once the port accepts connections. Starting
# it again with the same directory and port restarts that broker, as after a crash.
function Start-Mosquitto {
    param([Parameter(Mandatory)][string] $Directory, [int] $Port, [string] $CertificateFile, [string] $KeyFile)
    if (-not $Port) { $Port = Get-FreePort }
    $config = Join-Path $Directory "mosquitto-$Port.conf"
    $tls = if ($CertificateFile) { "certfile $CertificateFile`nkeyfile $KeyFile`n" } else { '' }
    Set-Content $config "listener $Port 127.0.0.1`n$($tls)allow_anonymous true`npersistence false`nlog_dest none"
    $process = Start-Process (Find-Mosquitto) -ArgumentList '-c', $config -PassThru -RedirectStandardError (Join-Path $Directory "err-$Port-$([guid]::NewGuid().ToString('N')).txt")
    Wait-TcpPort $Port
    [pscustomobject]@{ Process = $process; Port = $Port; Config = $config }
}
