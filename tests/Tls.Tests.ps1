BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')

    function Invoke-OpenSsl([string[]] $Arguments) {
        $output = & openssl @Arguments 2>&1
        if ($LASTEXITCODE -ne 0) { throw "openssl $($Arguments -join ' ') failed: $output" }
    }

    # A server certificate for $Names (DNS names or IP addresses) from the test's CA, the way a sysadmin makes one.
    function New-ServerCertificate([string] $Name, [string[]] $Names) {
        $san = ($Names | ForEach-Object { if ($_ -as [ipaddress]) { "IP:$_" } else { "DNS:$_" } }) -join ','
        Set-Content (Join-Path $dir "$Name.ext") "subjectAltName=$san`nbasicConstraints=CA:FALSE`nextendedKeyUsage=serverAuth"
        Invoke-OpenSsl @('req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-subj', "/CN=$($Names[0])",
            '-keyout', (Join-Path $dir "$Name.key"), '-out', (Join-Path $dir "$Name.csr"))
        Invoke-OpenSsl @('x509', '-req', '-in', (Join-Path $dir "$Name.csr"), '-CA', (Join-Path $dir 'ca.pem'), '-CAkey', (Join-Path $dir 'ca.key'),
            '-CAcreateserial', '-days', '30', '-sha256', '-extfile', (Join-Path $dir "$Name.ext"), '-out', (Join-Path $dir "$Name.pem"))
        & chmod 644 (Join-Path $dir "$Name.key") (Join-Path $dir "$Name.pem")   # mosquitto started as root reads them as its own user
    }

    # A mosquitto listener on a free loopback port: TLS with the given certificate, or plain. Returns the port.
    function Start-Broker([string] $Certificate) {
        $broker = if ($Certificate) { Start-Mosquitto $dir -CertificateFile (Join-Path $dir "$Certificate.pem") -KeyFile (Join-Path $dir "$Certificate.key") } else { Start-Mosquitto $dir }
        $script:brokers += $broker.Process
        $broker.Port
    }

    $script:ready = (Find-Mosquitto) -and (Get-Command openssl -ErrorAction Ignore) -and (Get-Command mosquitto_pub -ErrorAction Ignore)
    if (-not $ready) {
        if ($env:CI) { throw 'mosquitto, mosquitto-clients and openssl are needed; build.ps1 Test installs them in CI.' }
        return
    }
    $script:brokers = @()
    $script:dir = (New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "onenet-tls-$([guid]::NewGuid().ToString('N'))")).FullName
    & chmod 755 $dir
    Invoke-OpenSsl @('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-subj', '/CN=OneNetStudio Test CA',
        '-days', '30', '-keyout', (Join-Path $dir 'ca.key'), '-out', (Join-Path $dir 'ca.pem'))
    New-ServerCertificate server @('127.0.0.1', 'localhost')
    New-ServerCertificate wrongname @('broker.example')
    $script:caFile = Join-Path $dir 'ca.pem'
    $script:tlsPort = Start-Broker server
    $script:wrongNamePort = Start-Broker wrongname
    $script:plainPort = Start-Broker
    $script:key = [Convert]::ToBase64String([byte[]]::new(32))
    $script:common = @{ UserId = '12321'; AccessKey = $key; Server = '127.0.0.1'; ConnectTimeoutSec = 5 }
}

AfterAll {
    if ($ready) {
        Get-OneNetSession | Disconnect-OneNet
        $brokers | Stop-Process -Force -ErrorAction Ignore
        Remove-Item $dir -Recurse -Force -ErrorAction Ignore
    }
}

Describe 'Connect-OneNet -UseTls against mosquitto with a CA made by openssl' -Skip:(-not $env:CI -and -not ((Test-Path /usr/sbin/mosquitto) -and (Get-Command openssl -ErrorAction Ignore))) {
    It 'checks the certificate by default: an untrusted root is OneNetCertificateInvalid, a SecurityError that says why and for which host' {
        $err = { Connect-OneNet @common -Port $tlsPort -UseTls } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'OneNetCertificateInvalid,*'
        $err.CategoryInfo.Category | Should -Be 'SecurityError'
        $err.TargetObject | Should -Be "127.0.0.1:$tlsPort"
        $err.Exception.Message | Should -Match "127\.0\.0\.1:$tlsPort"
        $err.Exception.Message | Should -Match 'does not chain to the system''s trust store'
        "$err" | Should -Match '-CertificateAuthority'
    }

    It 'trusts a private CA given as a path relative to the current location, and watches over TLS' {
        Push-Location $dir
        try { $session = Connect-OneNet @common -Port $tlsPort -CertificateAuthority ./ca.pem }
        finally { Pop-Location }
        $session.UseTls | Should -BeTrue
        $session.State | Should -Be 'Connected'
        $publisher = Start-ThreadJob {
            # Reports over TLS from a mosquitto client trusting the same CA, until the watch has one.
            for ($i = 0; $i -lt 100; $i++) {
                & mosquitto_pub -h 127.0.0.1 -p $using:tlsPort --cafile $using:caFile -q 1 -t '$sys/P1/dev1/thing/property' `
                    -m '{"productId":"P1","deviceName":"dev1","messageType":"notify","notifyType":"property","data":{"id":"1","params":{"temperature":{"value":21.5,"time":1700000000000}}}}'
                Start-Sleep -Milliseconds 200
            }
        }
        try {
            $message = Watch-OneNetDevice -ProductId P1 -DeviceName dev1 -Count 1 -TimeoutSec 15 -Session $session
        }
        finally { $publisher | Stop-Job -PassThru | Remove-Job -Force }
        $message.Properties.temperature.Value | Should -Be 21.5
        $session | Disconnect-OneNet
    }

    It 'trusts a CA given as an X509Certificate2, and ONENET_CA_FILE when -UseTls is given' {
        $certificate = [System.Security.Cryptography.X509Certificates.X509Certificate2]::CreateFromPem((Get-Content $caFile -Raw))
        (Connect-OneNet @common -Port $tlsPort -CertificateAuthority $certificate).State | Should -Be 'Connected'
        $env:ONENET_CA_FILE = $caFile
        try { (Connect-OneNet @common -Port $tlsPort -UseTls).State | Should -Be 'Connected' }
        finally { Remove-Item Env:ONENET_CA_FILE }
    }

    It 'still checks the host name with a trusted CA' {
        $err = { Connect-OneNet @common -Port $wrongNamePort -CertificateAuthority $caFile } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'OneNetCertificateInvalid,*'
        $err.Exception.Message | Should -Match "issued to 'broker\.example', not to 127\.0\.0\.1"
    }

    It '-SkipCertificateCheck connects anyway, and warns once' {
        $session = Connect-OneNet @common -Port $wrongNamePort -SkipCertificateCheck -WarningVariable warnings -WarningAction SilentlyContinue
        $session.State | Should -Be 'Connected'
        $session.UseTls | Should -BeTrue
        @($warnings).Count | Should -Be 1
        "$($warnings[0])" | Should -Match 'not checked'
    }

    It 'refuses -SkipCertificateCheck beside -CertificateAuthority, and a CA file that is no certificate' {
        { Connect-OneNet @common -Port $tlsPort -CertificateAuthority $caFile -SkipCertificateCheck } |
            Should -Throw -ErrorId 'OneNetConflictingTlsOptions,OneNetStudio.Commands.ConnectOneNetCommand'
        $notes = Join-Path $dir 'notes.txt'
        Set-Content $notes 'not a certificate'
        $err = { Connect-OneNet @common -Port $tlsPort -CertificateAuthority $notes } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentTransformationError*'
        $err.Exception.Message | Should -Match 'not a certificate'
        $env:ONENET_CA_FILE = Join-Path $dir 'missing.pem'
        try {
            { Connect-OneNet @common -Port $tlsPort -UseTls } | Should -Throw -ErrorId 'OneNetInvalidCertificateAuthority,OneNetStudio.Commands.ConnectOneNetCommand'
        }
        finally { Remove-Item Env:ONENET_CA_FILE }
    }

    It '-UseTls against a plain listener is OneNetTlsHandshakeFailed, and plain against TLS is OneNetNotMqttBroker' {
        $err = { Connect-OneNet @common -Port $plainPort -UseTls } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'OneNetTlsHandshakeFailed,*'
        $err.Exception.Message | Should -Match 'did not complete a TLS handshake'
        $err = { Connect-OneNet @common -Port $tlsPort } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'OneNetNotMqttBroker,*'
        $err.Exception.Message | Should -Match "The server at 127\.0\.0\.1:$tlsPort did not answer as an MQTT broker"
        "$err" | Should -Match 'if it is a TLS port, add -UseTls'
    }
}

Describe 'The HTTP API over https: the same TLS options, checked the same way' -Skip:(-not $env:CI -and -not ((Get-Command socat -ErrorAction Ignore) -and (Get-Command openssl -ErrorAction Ignore))) {
    BeforeAll {
        # socat terminates TLS in front of the simulator's MQTT port and its HTTP API, as a private deployment's proxy would.
        function Start-TlsFront([string] $Certificate, [int] $TargetPort) {
            $port = Get-FreePort
            $listen = "OPENSSL-LISTEN:$port,bind=127.0.0.1,reuseaddr,fork,verify=0,cert=$(Join-Path $dir "$Certificate.pem"),key=$(Join-Path $dir "$Certificate.key")"
            $script:fronts += Start-Process socat -ArgumentList $listen, "TCP:127.0.0.1:$TargetPort" -PassThru
            Wait-TcpPort $port
            $port
        }
        $script:fronts = @()
        $script:apiSim = Start-OneNetSimulator -DeviceCount 3
        $script:mqttFront = Start-TlsFront server $apiSim.Port
        $script:apiFront = Start-TlsFront server $apiSim.ApiPort
        $script:wrongNameApiFront = Start-TlsFront wrongname $apiSim.ApiPort
        $script:asSimUser = @{ UserId = $apiSim.UserId; AccessKey = $apiSim.AccessKey; ProjectId = $apiSim.ProjectId; Server = '127.0.0.1'; ConnectTimeoutSec = 5 }
    }

    AfterAll {
        Get-OneNetSession | Disconnect-OneNet
        $fronts | Stop-Process -Force -ErrorAction Ignore
        $apiSim | Stop-OneNetSimulator
    }

    It '-CertificateAuthority is trusted by both channels: watch over TLS and list devices over https' {
        $session = Connect-OneNet @asSimUser -Port $mqttFront -CertificateAuthority $caFile -ApiEndpoint "https://127.0.0.1:$apiFront"
        try {
            $session.UseTls | Should -BeTrue
            $session.ApiEndpoint | Should -Be "https://127.0.0.1:$apiFront"
            $devices = Get-OneNetDevice -Session $session
            $devices.Count | Should -Be $apiSim.DeviceCount
        }
        finally { $session | Disconnect-OneNet }
    }

    It 'still checks the API host name with a trusted CA: OneNetCertificateInvalid, not retried, the session lives on' {
        $session = Connect-OneNet @asSimUser -Port $mqttFront -CertificateAuthority $caFile -ApiEndpoint "https://127.0.0.1:$wrongNameApiFront"
        try {
            $callsBefore = $apiSim.Counters.ApiCalls
            Get-OneNetDevice -Session $session -ErrorVariable failed -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $failed[0].FullyQualifiedErrorId | Should -BeLike 'OneNetCertificateInvalid,*'
            $failed[0].CategoryInfo.Category | Should -Be 'SecurityError'
            "$failed" | Should -Match 'issued to .broker\.example., not to 127\.0\.0\.1'
            $apiSim.Counters.ApiCalls | Should -Be $callsBefore
            $session.State | Should -Be Connected
        }
        finally { $session | Disconnect-OneNet }
    }

    It 'checks an https API against the system trust store by default, beside a plain MQTT link' {
        $session = Connect-OneNet -Simulator $apiSim -ApiEndpoint "https://127.0.0.1:$apiFront"
        try {
            Get-OneNetDevice -Session $session -ErrorVariable failed -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $failed[0].FullyQualifiedErrorId | Should -BeLike 'OneNetCertificateInvalid,*'
            "$failed" | Should -Match "system's trust store"
        }
        finally { $session | Disconnect-OneNet }
    }

    It '-SkipCertificateCheck accepts any certificate on the API too' {
        $session = Connect-OneNet @asSimUser -Port $mqttFront -SkipCertificateCheck -ApiEndpoint "https://127.0.0.1:$wrongNameApiFront" -WarningAction SilentlyContinue
        try { (Get-OneNetDevice -Session $session).Count | Should -Be $apiSim.DeviceCount }
        finally { $session | Disconnect-OneNet }
    }
}
