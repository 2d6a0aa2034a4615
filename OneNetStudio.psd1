@{
    RootModule           = 'OneNetStudio.dll'
    ModuleVersion        = '0.1.0'
    CompatiblePSEditions = @('Core')
    GUID                 = '58e649c1-3b52-4e60-8e00-6b0b0e2435bc'
    Author               = 'OneNetStudio contributors'
    CompanyName          = 'OneNetStudio'
    Copyright            = '(c) OneNetStudio contributors. MIT License.'
    Description          = 'Watch and configure China Mobile OneNET Studio IoT devices over the application long connection (MQTT 3.1.1): typed device messages on the pipeline, tokens and sessions, and an embedded OneNET simulator for offline use and CI.'
    PowerShellVersion    = '7.4'
    FormatsToProcess     = @('OneNetStudio.Format.ps1xml')
    # Imported before the cmdlets: it loads our engine and MQTTnet into the module's own AssemblyLoadContext.
    NestedModules        = @('OneNetStudio.Loader.dll')
    CmdletsToExport      = @(
        'New-OneNetToken'
        'Connect-OneNet'
        'Disconnect-OneNet'
        'Get-OneNetSession'
        'Start-OneNetSimulator'
        'Stop-OneNetSimulator'
        'Watch-OneNetDevice'
        'Show-OneNetDevice'
        'Set-OneNetProperty'
        'Set-OneNetDesiredProperty'
        'Get-OneNetReply'
        'Register-OneNetEvent'
        'Get-OneNetDevice'
        'Get-OneNetProduct'
        'Get-OneNetThingModel'
        'Get-OneNetProperty'
        'Get-OneNetPropertyHistory'
        'Get-OneNetEventHistory'
        'Get-OneNetDesiredProperty'
        'Remove-OneNetDesiredProperty'
        'Invoke-OneNetService'
        'Get-OneNetServiceRecord'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('OneNET', 'IoT', 'MQTT', 'ChinaMobile', 'Devices', 'Simulator', 'PSEdition_Core', 'Linux', 'Windows', 'MacOS')
            LicenseUri   = 'https://opensource.org/licenses/MIT'
            # ProjectUri: none yet. The project has no public repository to point at; add it when it has one.
            ReleaseNotes = '0.1.0: sessions and tokens; Watch-OneNetDevice; Set-OneNetProperty, Set-OneNetDesiredProperty and Get-OneNetReply at fleet scale; Register-OneNetEvent; automatic reconnect with token renewal and a half-open-link watchdog; configuration from ONENET_* variables; the embedded OneNET simulator; MQTTnet isolated in its own AssemblyLoadContext.'
        }
    }
}
