BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')

    # The number in LastError's "attempt N failed" (0 when it names none): how many reconnect attempts have failed.
    function Get-FailedAttempts($Session) { if ($Session.LastError -match 'attempt (\d+) failed') { [int]$Matches[1] } else { 0 } }
}

Describe 'Reconnecting to the simulator' {
    BeforeEach {
        $script:sim, $script:product, $script:session = Start-TestSimulator -DeviceCount 3 -ReportIntervalMs 200
    }
    AfterEach { Stop-TestSimulator }

    It 'Get-OneNetSession shows Reconnecting, then Connected with the reconnect count' {
        $sim.StopListener()
        # LastError is read with the state: the first failed attempt soon replaces "lost" with "attempt 1 failed".
        Wait-Until { $script:seen = Get-OneNetSession; $seen.State -eq 'Reconnecting' }
        $seen.LastError | Should -Match 'lost|attempt \d+ failed'
        $sim.StartListener()
        Wait-Until { (Get-OneNetSession).State -eq 'Connected' }
        $current = Get-OneNetSession
        $current.ReconnectCount | Should -Be 1
        $current.LastError | Should -BeNullOrEmpty
        ($current | Format-List | Out-String) | Should -Match 'ReconnectCount\s*:\s*1'
    }

    It 'a watch survives a listener restart and sees the messages published after it' {
        # The listener restarts once the watch has subscribed; the watch ends with its first report after the reconnect
        # has been reported to it (or at -TimeoutSec).
        $reconnected = [hashtable]::Synchronized(@{})
        $later = Invoke-Later {
            param($simulator, $session, $reconnected)
            $simulator.RestartListener()
            Wait-Until { $session.ReconnectCount -ge 1 -and $session.State -eq 'Connected' }
            $reconnected.At = [datetimeoffset]::UtcNow
        } -Arguments $sim, $session, $reconnected -Simulator $sim -Topic "`$sys/$product/device0001/thing/property"
        $all = [System.Collections.Generic.List[object]]::new()
        $null = Watch-OneNetDevice $product device0001 -MessageType Property -TimeoutSec 12 -Verbose 4>&1 3>&1 |
            ForEach-Object { $all.Add($_); $_ } |
            Where-Object { $reconnected.At -and $_ -is [OneNetStudio.OneNetPropertyMessage] -and $_.ReceivedAt -gt $reconnected.At -and
                ($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match 'Reconnected' }) } |
            Select-Object -First 1
        Complete-Later $later
        $reconnectedAt = $reconnected.At
        $messages = @($all | Where-Object { $_ -is [OneNetStudio.OneNetPropertyMessage] })
        $after = @($messages | Where-Object ReceivedAt -gt $reconnectedAt)
        $after.Count | Should -BeGreaterThan 0
        $verbose = ($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n"
        $verbose | Should -Match 'Connection lost'
        $verbose | Should -Match 'Reconnected after [\d.]+ s; 1 subscription\(s\) restored'
        ($all | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }).Message | Should -Match 'is lost'
    }

    It 'a set after a reconnect succeeds' {
        $sim.DropAllConnections()
        Wait-Until { $session.ReconnectCount -eq 1 -and $session.State -eq 'Connected' }
        (Set-OneNetProperty $product device0002 @{ humidity = 77 }).Status | Should -Be Succeeded
        $sim.GetDevice($product, 'device0002').Properties.humidity | Should -Be 77
    }

    It 'a set started while reconnecting waits for the link instead of failing' {
        $sim.StopListener()
        Wait-Until { $session.State -eq 'Reconnecting' }
        # The listener comes back once the set waits and one more reconnect attempt has failed under it.
        $later = Invoke-Later {
            param($simulator, $session)
            Wait-Until { $session.PendingSetCount -ge 1 }
            $failed = if ($session.LastError -match 'attempt (\d+) failed') { [int]$Matches[1] } else { 0 }
            Wait-Until { $session.LastError -match 'attempt (\d+) failed' -and [int]$Matches[1] -gt $failed }
            $simulator.StartListener()
        } -Arguments $sim, $session
        (Set-OneNetProperty $product device0001 @{ switch = $true } -TimeoutSec 15).Status | Should -Be Succeeded
        Complete-Later $later
    }

    It 'with a 60-second token, keeps working across forced reconnects over simulated minutes' {
        $short = Connect-OneNet -Simulator $sim -TokenLifetime (New-TimeSpan -Seconds 60)
        foreach ($round in 1..4) {
            $sim.AdvanceClock((New-TimeSpan -Minutes 3))    # every token signed before is now expired
            $sim.DropAllConnections()
            Wait-Until { $short.ReconnectCount -eq $round -and $short.State -eq 'Connected' }
            $short.TokenExpiresAt | Should -BeGreaterThan $sim.Now
            (Set-OneNetProperty $product device0001 @{ humidity = $round } -Session $short).Status | Should -Be Succeeded
        }
        $sim.Counters.AuthFailures | Should -Be 0
    }

    It 'stops reconnecting when the platform refuses the login, and a running watch ends with OneNetConnectionLost' {
        $later = Invoke-Later {
            param($simulator)
            $simulator.RefuseAllLogins = $true
            $simulator.DropAllConnections()
        } -Arguments $sim -Simulator $sim -Topic "`$sys/$product/device0001/thing/property"
        $elapsed = Measure-Command {
            Watch-OneNetDevice $product device0001 -MessageType Property -TimeoutSec 20 -ErrorVariable failures -ErrorAction SilentlyContinue | Out-Null
        }
        Complete-Later $later
        $elapsed.TotalSeconds | Should -BeLessThan 10
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'OneNetConnectionLost,*'
        $session.State | Should -Be Closed
        $session.LastError | Should -Match 'refused.*CONNACK 4'
        Start-Sleep -Milliseconds 500
        $sim.Counters.AuthFailures | Should -Be 1
    }

    It '-NoReconnect closes the session on a lost link' {
        $fragile = Connect-OneNet -Simulator $sim -NoReconnect
        $fragile.AutoReconnect | Should -BeFalse
        $sim.DropAllConnections()
        Wait-Until { $fragile.State -eq 'Closed' }
        $fragile.LastError | Should -Match 'lost'
        $fragile.ReconnectCount | Should -Be 0
    }

    It 'leaves nothing running after Disconnect-OneNet, even mid-reconnect' {
        $sim.StopListener()
        Wait-Until { (Get-FailedAttempts $session) -ge 1 }   # the reconnect loop runs
        $session | Disconnect-OneNet
        $session.State | Should -Be Closed
        Get-OneNetSession | Where-Object Id -EQ $session.Id | Should -BeNullOrEmpty
        $lastError = $session.LastError
        $connections = $sim.Counters.Connections
        $sim.StartListener()
        # Longer than the longest backoff of a fresh outage (1.5 s): a loop still running would have tried again by now,
        # and that attempt, failed or not, would show in LastError, ReconnectCount or the simulator's counters.
        Start-Sleep -Milliseconds 1500
        $sim.Counters.ConnectedClients | Should -Be 0
        $sim.Counters.Connections | Should -Be $connections
        $session.LastError | Should -BeExactly $lastError
        $session.ReconnectCount | Should -Be 0
        $session.State | Should -Be Closed
    }

    It 'leaves no connection behind when the module is removed' {
        $ps = New-ModulePowerShell
        $null = $ps.AddScript({
            param($simulator)
            $s = Connect-OneNet -Simulator $simulator
            $null = Watch-OneNetDevice $simulator.ProductId[0] device0001 -Count 1 -TimeoutSec 5
            Remove-Module OneNetStudio
        }).AddArgument($sim)
        $null = $ps.Invoke()
        $ps.Dispose()
        Wait-Until { $sim.Counters.ConnectedClients -eq 1 } -TimeoutSec 5   # only this test's own session
    }
}

Describe 'Against Debian''s mosquitto broker' {
    BeforeAll {
        $script:haveMosquitto = (Find-Mosquitto) -and (Get-Command mosquitto_pub -ErrorAction Ignore) -and (Get-Command mosquitto_sub -ErrorAction Ignore)
        if (-not $haveMosquitto) {
            if ($env:CI) { throw 'mosquitto is not installed; build.ps1 Test installs it in CI.' }
            return
        }
        $script:dir = (New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "onenet-mosq-$([guid]::NewGuid().ToString('N'))")).FullName
        $script:broker = Start-Mosquitto $dir
        $script:port = $broker.Port
        $key = [Convert]::ToBase64String([byte[]]::new(32))
        $script:mqSession = Connect-OneNet -UserId 12321 -AccessKey $key -Server 127.0.0.1 -Port $port
    }
    AfterAll {
        if ($haveMosquitto) {
            $mqSession | Disconnect-OneNet
            $broker.Process | Stop-Process -Force -ErrorAction Ignore
            Remove-Item $dir -Recurse -Force -ErrorAction Ignore
        }
    }

    It 'watches reports and gets set replies from a mosquitto_sub/mosquitto_pub device' -Skip:(-not (Test-Path /usr/sbin/mosquitto) -and -not $env:CI) {
        # The device: answers property sets with mosquitto_sub/mosquitto_pub. mosquitto_sub gives no sign of when it
        # has subscribed, and a set published before that reaches nobody, so the device answers each set it sees and
        # the test sets again until one is answered.
        $responder = Start-ThreadJob {
            $deadline = [datetime]::UtcNow.AddSeconds(30)
            while ([datetime]::UtcNow -lt $deadline) {
                $line = & mosquitto_sub -h 127.0.0.1 -p $using:port -t '$sys/+/+/thing/property/set' -v -C 1 -W 10
                if (-not $line) { continue }
                $topic, $payload = $line -split ' ', 2
                $id = ($payload | ConvertFrom-Json).requestId
                & mosquitto_pub -h 127.0.0.1 -p $using:port -q 1 -t "$topic/reply" -m "{`"requestId`":`"$id`",`"success`":true}"
            }
        }
        try {
            $deadline = [datetime]::UtcNow.AddSeconds(25)
            do {
                $reply = Set-OneNetProperty P1 dev1 @{ switch = $true } -Session $mqSession -TimeoutSec 3 -ErrorAction SilentlyContinue
            } until ($reply.Status -eq 'Succeeded' -or [datetime]::UtcNow -gt $deadline)
        }
        finally {
            $responder | Stop-Job -PassThru | Remove-Job -Force
        }
        $reply.Status | Should -Be Succeeded

        # The device reports until the watch has its message: a single report could come before the subscription.
        $stop = [hashtable]::Synchronized(@{ Done = $false })
        $later = Invoke-Later {
            param($port, $stop)
            $deadline = [datetime]::UtcNow.AddSeconds(15)
            while (-not $stop.Done -and [datetime]::UtcNow -lt $deadline) {
                & mosquitto_pub -h 127.0.0.1 -p $port -q 1 -t '$sys/P1/dev1/thing/property' -m '{"productId":"P1","deviceName":"dev1","messageType":"notify","notifyType":"property","data":{"id":"1","params":{"temperature":{"value":21.5,"time":1700000000000}}}}'
                Start-Sleep -Milliseconds 200
            }
        } -Arguments $port, $stop
        try {
            $message = Watch-OneNetDevice P1 dev1 -MessageType Property -Count 1 -TimeoutSec 15 -Session $mqSession
        }
        finally {
            $stop.Done = $true
            Complete-Later $later
        }
        $message.Properties.temperature.Value | Should -Be 21.5
    }

    It 'a watch survives the broker being killed and restarted' -Skip:(-not (Test-Path /usr/sbin/mosquitto) -and -not $env:CI) {
        $stop = [hashtable]::Synchronized(@{ Done = $false })
        $later = Invoke-Later {
            param($broker, $dir, $session, $stop)
            Wait-Until { $session.SubscriptionCount -ge 1 }   # the watch is on
            $broker.Process | Stop-Process -Force
            $broker.Process.WaitForExit()
            Wait-Until { $session.State -eq 'Reconnecting' } -TimeoutSec 10
            $new = Start-Mosquitto $dir -Port $broker.Port
            Wait-Until { $session.State -eq 'Connected' -and $session.ReconnectCount -ge 1 } -TimeoutSec 10
            # Reported until the watch has it: the watch's own subscription may still be on its way.
            $deadline = [datetime]::UtcNow.AddSeconds(20)
            while (-not $stop.Done -and [datetime]::UtcNow -lt $deadline) {
                & mosquitto_pub -h 127.0.0.1 -p $broker.Port -q 1 -t '$sys/P1/dev1/thing/property' -m '{"productId":"P1","deviceName":"dev1","messageType":"notify","notifyType":"property","data":{"id":"2","params":{"temperature":{"value":22.5,"time":1700000000000}}}}'
                Start-Sleep -Milliseconds 200
            }
            $new
        } -Arguments $broker, $dir, $mqSession, $stop
        try {
            $message = Watch-OneNetDevice P1 dev1 -MessageType Property -Count 1 -TimeoutSec 25 -Session $mqSession
        }
        finally {
            $stop.Done = $true
            $script:broker = (Complete-Later $later)[-1]
        }
        $message.Properties.temperature.Value | Should -Be 22.5
        $mqSession.ReconnectCount | Should -Be 1
        $mqSession.State | Should -Be Connected
    }
}
