# One session, two channels: what Connect-OneNet sets up for the HTTP application API (product.md 3.1).
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    $script:sim = (Start-TestSimulator -DeviceCount 2 -NoSession)[0]
    $script:keyText = ConvertFrom-SecureString $sim.AccessKey -AsPlainText
    $script:asUser = @{ UserId = $sim.UserId; AccessKey = $sim.AccessKey; Server = $sim.Host; Port = $sim.Port }
}

AfterAll { Stop-TestSimulator }

Describe 'Connect-OneNet and the HTTP API' {
    AfterEach {
        Get-OneNetSession | Disconnect-OneNet
        'ONENET_USER_ID', 'ONENET_PROJECT_ID', 'ONENET_GROUP_ID', 'ONENET_ACCESS_KEY', 'ONENET_SERVER', 'ONENET_PORT', 'ONENET_API_ENDPOINT' |
            ForEach-Object { Remove-Item "env:$_" -ErrorAction Ignore }
    }

    It 'a -Simulator session asks the simulator''s API in its project, as user and as group' {
        $user = Connect-OneNet -Simulator $sim
        $user.ApiEndpoint | Should -Be $sim.ApiEndpoint
        $user.ProjectId | Should -Be $sim.ProjectId
        $group = Connect-OneNet -Simulator $sim -Scope Group
        $group.ProjectId | Should -Be $sim.ProjectId
        (Get-OneNetDevice -Session $user).Count | Should -Be $sim.DeviceCount
        ($user | Format-List | Out-String) | Should -Match ([regex]::Escape($sim.ApiEndpoint))
        ($user | Format-Table | Out-String) | Should -Match $sim.ProjectId
    }

    It 'defaults to the platform''s API, and a user session has no project until -ProjectId names one' {
        $session = Connect-OneNet @asUser
        $session.ApiEndpoint | Should -Be 'https://openapi.heclouds.com'
        $session.ProjectId | Should -BeNullOrEmpty
    }

    It 'a user session without a project fails HTTP calls with OneNetProjectRequired naming -ProjectId, and calls nothing' {
        $session = Connect-OneNet @asUser -ApiEndpoint $sim.ApiEndpoint
        $calls = $sim.Counters.ApiCalls
        $err = { Get-OneNetDevice -Session $session -ErrorAction Stop } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'OneNetProjectRequired,*'
        $err.CategoryInfo.Category | Should -Be 'InvalidOperation'
        $err.TargetObject | Should -Be $session
        "$err" | Should -Match '-ProjectId'
        $sim.Counters.ApiCalls | Should -Be $calls
    }

    It '-ProjectId and -ApiEndpoint make a user session ask the API' {
        $session = Connect-OneNet @asUser -ProjectId $sim.ProjectId -ApiEndpoint $sim.ApiEndpoint
        $session.ProjectId | Should -Be $sim.ProjectId
        (Get-OneNetDevice -Session $session).Count | Should -Be $sim.DeviceCount
    }

    It 'ONENET_PROJECT_ID and ONENET_API_ENDPOINT serve a user session from the environment and beside -UserId' {
        $env:ONENET_USER_ID = $sim.UserId
        $env:ONENET_ACCESS_KEY = $keyText
        $env:ONENET_SERVER = $sim.Host
        $env:ONENET_PORT = $sim.Port
        $env:ONENET_PROJECT_ID = $sim.ProjectId
        $env:ONENET_API_ENDPOINT = $sim.ApiEndpoint
        $fromEnvironment = Connect-OneNet
        $fromEnvironment.ProjectId | Should -Be $sim.ProjectId
        $fromEnvironment.ApiEndpoint | Should -Be $sim.ApiEndpoint
        (Get-OneNetDevice -Session $fromEnvironment).Count | Should -Be $sim.DeviceCount
        $explicit = Connect-OneNet @asUser
        $explicit.ProjectId | Should -Be $sim.ProjectId
        $explicit.ApiEndpoint | Should -Be $sim.ApiEndpoint
    }

    It 'refuses a project other than a group''s own, and an endpoint that is not http or https' {
        $err = { Connect-OneNet -Simulator $sim -Scope Group -ProjectId OtherProject } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'OneNetConflictingProjectId,*'
        "$err" | Should -Match 'OtherProject'
        $err = { Connect-OneNet -Simulator $sim -ApiEndpoint 'ftp://127.0.0.1/' } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'OneNetInvalidApiEndpoint,*'
        $env:ONENET_API_ENDPOINT = 'not an address'
        $err = { Connect-OneNet @asUser } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'OneNetInvalidApiEndpoint,*'
        "$err" | Should -Match 'ONENET_API_ENDPOINT'
        Get-OneNetSession | Should -BeNullOrEmpty
    }

    It 'a closed session''s HTTP channel is closed too: OneNetSessionClosed' {
        $session = Connect-OneNet -Simulator $sim
        $session | Disconnect-OneNet
        $err = { Get-OneNetDevice -Session $session -ErrorAction Stop } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'OneNetSessionClosed,*'
    }

    It 'a wrong key on the API is OneNetAccessDenied with the platform''s code, and shows no key or token' {
        $other = Start-OneNetSimulator -DeviceCount 1
        try {
            # MQTT to one simulator, HTTP to another that holds another key for the same user.
            $session = Connect-OneNet -Simulator $sim -ApiEndpoint $other.ApiEndpoint
            $all = Get-OneNetDevice -Session $session -Verbose -ErrorVariable failed -ErrorAction SilentlyContinue 4>&1 2>&1 | Out-String
            $failed[0].FullyQualifiedErrorId | Should -BeLike 'OneNetAccessDenied,*'
            $failed[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
            $failed[0].Exception.Code | Should -Be 'authPermissionDeny'
            $failed[0].Exception.RequestId | Should -Not -BeNullOrEmpty
            $all | Should -Not -Match ([regex]::Escape($keyText))
            $all | Should -Not -Match 'signature='
            $other.LastApiAuthFailure | Should -Not -BeNullOrEmpty
        }
        finally { $other | Stop-OneNetSimulator }
    }
}

Describe 'Start-OneNetSimulator''s HTTP options' {
    It '-ApiPort serves the API on that loopback port; it defaults to a free one' {
        $port = Get-FreePort
        $fixed = Start-OneNetSimulator -DeviceCount 1 -ApiPort $port
        try {
            $fixed.ApiPort | Should -Be $port
            $fixed.ApiEndpoint | Should -Be "http://127.0.0.1:$port"
            $session = Connect-OneNet -Simulator $fixed
            (Get-OneNetDevice -Session $session).Count | Should -Be 1
            $session | Disconnect-OneNet
        }
        finally { $fixed | Stop-OneNetSimulator }
        $sim.ApiPort | Should -BeGreaterThan 0
        $sim.ApiPort | Should -Not -Be $sim.Port
    }

    It '-HistoryLimit keeps only the newest reports and events per device' {
        $small = Start-OneNetSimulator -DeviceCount 1 -HistoryLimit 5
        try {
            $session = Connect-OneNet -Simulator $small
            $null = $small.EmitPropertyReports(12)
            1..8 | ForEach-Object { $small.EmitEvent($small.ProductId[0], 'device0001', 'alarm') }
            $history = @(Get-OneNetPropertyHistory $small.ProductId[0] device0001 -Name temperature -Start (Get-Date).AddMinutes(-5) -Session $session)
            $history.Count | Should -Be 5
            @(Get-OneNetEventHistory $small.ProductId[0] device0001 -Start (Get-Date).AddMinutes(-5) -Session $session).Count | Should -Be 5
            $session | Disconnect-OneNet
        }
        finally { $small | Stop-OneNetSimulator }
    }
}
