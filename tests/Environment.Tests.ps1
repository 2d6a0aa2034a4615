# Connect-OneNet configured by ONENET_* environment variables, so scripts hold no secrets.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:sim = (Start-TestSimulator -DeviceCount 1 -NoSession)[0]
}

AfterAll { Stop-TestSimulator }

Describe 'Configuration without secrets in scripts' {
    AfterEach {
        'ONENET_USER_ID', 'ONENET_PROJECT_ID', 'ONENET_GROUP_ID', 'ONENET_ACCESS_KEY', 'ONENET_SERVER', 'ONENET_PORT' | ForEach-Object { Remove-Item "env:$_" -ErrorAction Ignore }
    }

    It 'Connect-OneNet without parameters connects as the user from ONENET_* variables' {
        $env:ONENET_USER_ID = $sim.UserId
        $env:ONENET_ACCESS_KEY = [Net.NetworkCredential]::new('', $sim.AccessKey).Password
        $env:ONENET_SERVER = $sim.Host
        $env:ONENET_PORT = $sim.Port
        $fromEnvironment = Connect-OneNet
        try {
            $fromEnvironment.Username | Should -Be "userid/$($sim.UserId)"
            $fromEnvironment.Endpoint | Should -Be $sim.Endpoint
            ($fromEnvironment | Format-List * | Out-String) | Should -Not -Match ([regex]::Escape($env:ONENET_ACCESS_KEY))
        }
        finally { $fromEnvironment | Disconnect-OneNet }
    }

    It 'and as the project group from ONENET_PROJECT_ID and ONENET_GROUP_ID' {
        $env:ONENET_PROJECT_ID = $sim.ProjectId
        $env:ONENET_GROUP_ID = $sim.GroupId
        $env:ONENET_ACCESS_KEY = [Net.NetworkCredential]::new('', $sim.GroupKey).Password
        $env:ONENET_SERVER = $sim.Host
        $env:ONENET_PORT = $sim.Port
        $group = Connect-OneNet
        try { $group.Scope | Should -Be Group }
        finally { $group | Disconnect-OneNet }
    }

    It 'says which variables to set when none are' {
        { Connect-OneNet -ErrorAction Stop } | Should -Throw -ErrorId 'OneNetNoCredential,*'
        try { Connect-OneNet } catch { $_.Exception.Message | Should -Match 'ONENET_USER_ID.*ONENET_ACCESS_KEY' }
    }

    It 'names the variable that is missing when only half of the identity is set' -ForEach @(
        @{ Set = @{ ONENET_USER_ID = '12321' }; Missing = 'ONENET_ACCESS_KEY' }
        @{ Set = @{ ONENET_PROJECT_ID = 'p1'; ONENET_GROUP_ID = 'g1' }; Missing = 'ONENET_ACCESS_KEY' }
        @{ Set = @{ ONENET_PROJECT_ID = 'p1'; ONENET_ACCESS_KEY = 'AAAA' }; Missing = 'ONENET_GROUP_ID' }
        @{ Set = @{ ONENET_GROUP_ID = 'g1'; ONENET_ACCESS_KEY = 'AAAA' }; Missing = 'ONENET_PROJECT_ID' }
        @{ Set = @{ ONENET_ACCESS_KEY = 'AAAA' }; Missing = 'ONENET_USER_ID' }
    ) {
        foreach ($name in $Set.Keys) { Set-Item "env:$name" $Set[$name] }
        $err = { Connect-OneNet -ErrorAction Stop } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'OneNetNoCredential,*'
        $err.Exception.Message | Should -Match "$Missing (is|are) not|set $Missing"
        $err.Exception.Message | Should -Match '\.$'
    }

    It 'refuses a port variable that is not a port' {
        $env:ONENET_USER_ID = $sim.UserId
        $env:ONENET_ACCESS_KEY = [Net.NetworkCredential]::new('', $sim.AccessKey).Password
        $env:ONENET_PORT = 'eighty'
        { Connect-OneNet -ErrorAction Stop } | Should -Throw -ErrorId 'OneNetInvalidPort,*'
    }
}
