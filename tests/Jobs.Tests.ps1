# One session used from other runspaces: thread jobs and ForEach-Object -Parallel.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:sim, $script:product, $script:session = Start-TestSimulator -DeviceCount 4
}

AfterAll { Stop-TestSimulator }

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
