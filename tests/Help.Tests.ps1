BeforeDiscovery {
    Import-Module (Join-Path $env:ONENET_TEST_MODULE 'OneNetStudio.psd1') -Force
    $script:commandNames = (Get-Command -Module OneNetStudio).Name
    $commonParameterNames = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
    $script:parameterCases = foreach ($name in $commandNames) {
        foreach ($parameter in (Get-Command $name).Parameters.Keys | Where-Object { $_ -notin $commonParameterNames }) {
            @{ Command = $name; Parameter = $parameter }
        }
    }
    $script:statedValueCases = foreach ($case in $parameterCases) {
        $stated = (Get-Command $case.Command).Parameters[$case.Parameter].Attributes | Where-Object { $_ -is [System.Management.Automation.PSDefaultValueAttribute] }
        if ($stated -and $null -ne $stated.Value) { $case }
    }
    $script:examples = foreach ($name in $commandNames) {
        $index = 0
        foreach ($example in (Get-Help $name -Examples).examples.example) {
            $index++
            $remarks = ($example.remarks | ForEach-Object Text) -join ' '
            @{ Command = $name; Index = $index; Code = $example.code; Remarks = $remarks }
        }
    }
}

BeforeAll {
    Import-Module (Join-Path $env:ONENET_TEST_MODULE 'OneNetStudio.psd1') -Force
    $script:commonParameters = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
}

Describe 'Help of <_>' -ForEach $commandNames {
    BeforeAll {
        $script:help = Get-Help $_ -Full
        $script:command = Get-Command $_
    }

    It 'has a synopsis, a description and at least three examples' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match '^\s*\w+-\w+\s*(\[|$)'   # not the generated syntax stub
        ($help.description.Text -join ' ') | Should -Not -BeNullOrEmpty
        @($help.examples.example).Count | Should -BeGreaterOrEqual 3
    }

    It 'describes every parameter' {
        $documented = @{}
        foreach ($p in $help.parameters.parameter) { $documented[$p.name] = ($p.description.Text -join ' ') }
        foreach ($name in $command.Parameters.Keys | Where-Object { $_ -notin $commonParameters }) {
            $documented[$name] | Should -Not -BeNullOrEmpty -Because "-$name needs help text"
        }
    }

    It 'names its output types' {
        ($help.returnValues.returnValue.type.name -join ' ') | Should -Not -BeNullOrEmpty
    }
}

# What Get-Help says about each parameter, against what the engine binds by (Get-Command). A parameter can be in
# several parameter sets and the help has one entry for it: it shows a position only when every set gives it that
# position, says required only when every set makes it mandatory, and names every way any set takes pipeline input.
Describe 'Help of <Command> -<Parameter>' -ForEach $parameterCases {
    BeforeAll {
        $script:metadata = (Get-Command $Command).Parameters[$Parameter]
        $script:sets = @($metadata.ParameterSets.Values)
        $script:parameterHelp = Get-Help $Command -Parameter $Parameter
    }

    It 'gives the position it has in every parameter set' {
        $positions = @($sets.Position | Sort-Object -Unique)
        $expected = if ($positions.Count -eq 1 -and $positions[0] -ge 0) { "$($positions[0])" } else { 'named' }
        $parameterHelp.position | Should -Be $expected
    }

    It 'is required only when it is mandatory in every parameter set' {
        $mandatoryEverywhere = -not ($sets | Where-Object { -not $_.IsMandatory })
        $parameterHelp.required | Should -Be "$mandatoryEverywhere".ToLower()
    }

    It 'names the ways it takes pipeline input' {
        $ways = @(
            if ($sets | Where-Object ValueFromPipeline) { 'ByValue' }
            if ($sets | Where-Object ValueFromPipelineByPropertyName) { 'ByPropertyName' }
        )
        $expected = if ($ways) { "True ($($ways -join ', '))" } else { 'False' }
        $parameterHelp.pipelineInput | Should -Be $expected
    }

    It 'supports wildcards only when the cmdlet says so' {
        $wildcards = [bool]($metadata.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
        $parameterHelp.globbing | Should -Be "$wildcards".ToLower()
    }

    It 'names its type' {
        # A nullable value type (-Seed) is shown as the value type.
        $type = [Nullable]::GetUnderlyingType($metadata.ParameterType) ?? $metadata.ParameterType
        # By name: the engine's types live in the module's own load context, where -as [type] cannot see them.
        $parameterHelp.type.name | Should -Be $type.FullName
        if ($type -eq [System.Management.Automation.SwitchParameter]) {
            $parameterHelp.parameterValue | Should -BeNullOrEmpty
        }
        else {
            $parameterHelp.parameterValue | Should -Be $type.Name
        }
    }

    It 'shows the default the parameter states, or None' {
        $stated = $metadata.Attributes | Where-Object { $_ -is [System.Management.Automation.PSDefaultValueAttribute] }
        $expected = if (-not $stated) { 'None' } elseif ($stated.Help) { $stated.Help } elseif ($null -ne $stated.Value) { $stated.Value -join ', ' } else { 'None' }
        $parameterHelp.defaultValue | Should -Be $expected
        if (-not ($sets | Where-Object { -not $_.IsMandatory })) {
            $parameterHelp.defaultValue | Should -Be 'None' -Because 'a mandatory parameter has no default'
        }
    }

    It 'shows no sentinel or once-random value as its default' {
        $parameterHelp.defaultValue | Should -Not -BeNullOrEmpty
        $parameterHelp.defaultValue | Should -Not -Match '\b[0-9a-fA-F]{32}\b' -Because 'an id made random when the help was built is no default'
        $parameterHelp.defaultValue | Should -Not -Match '(^|[^\w-])-1\b' -Because '-1 stands for a default resolved in code'
        $parameterHelp.defaultValue | Should -Not -Match '\b0001\b' -Because 'DateTime.MinValue stands for "not given"'
    }
}

# [PSDefaultValue(Value = ...)] repeats the property's initial value for the help; this keeps the two in step.
Describe 'Stated default of <Command> -<Parameter>' -ForEach $statedValueCases {
    It 'is the value a new cmdlet starts with' {
        $implementation = (Get-Command $Command).ImplementingType
        $stated = (Get-Command $Command).Parameters[$Parameter].Attributes | Where-Object { $_ -is [System.Management.Automation.PSDefaultValueAttribute] }
        $initial = $implementation.GetProperty($Parameter).GetValue([Activator]::CreateInstance($implementation))
        (@($initial) -join ', ') | Should -Be (@($stated.Value) -join ', ')
    }
}

Describe 'Syntax of <_>' -ForEach $commandNames {
    It 'lists every parameter set with its own positions and mandatory parameters' {
        $expected = foreach ($set in (Get-Command $_).ParameterSets) {
            (@($set.Parameters | Where-Object Name -NotIn $commonParameters | ForEach-Object {
                        "-$($_.Name):$(if ($_.Position -ge 0) { $_.Position } else { 'named' }):$("$($_.IsMandatory)".ToLower())"
                    }) | Sort-Object) -join ' '
        }
        $shown = foreach ($item in (Get-Help $_).syntax.syntaxItem) {
            (@($item.parameter | ForEach-Object { "-$($_.name):$($_.position):$($_.required)" }) | Sort-Object) -join ' '
        }
        @($shown | Sort-Object) | Should -Be @($expected | Sort-Object)
    }
}

Describe 'About topics' {
    It '<_> is installed' -ForEach 'about_OneNetStudio', 'about_OneNetStudio_Simulator' {
        $topic = Get-Help $_
        ($topic | Out-String) | Should -Match 'SHORT DESCRIPTION'
    }
}

Describe 'Help examples' {
    BeforeAll {
        $script:workDir = (New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "onenet-examples-$([guid]::NewGuid().ToString('N'))")).FullName
        $script:moduleParent = Split-Path $env:ONENET_TEST_MODULE -Parent
        $script:savedModulePath = $env:PSModulePath
        # Thread jobs in the examples load the module by name, as they would once it is installed.
        $env:PSModulePath = $moduleParent + [IO.Path]::PathSeparator + $env:PSModulePath
    }
    AfterAll {
        $env:PSModulePath = $savedModulePath
        Remove-Item $workDir -Recurse -Force -ErrorAction Ignore
    }

    It '<Command> example <Index> runs against the simulator' -ForEach $examples {
        if ($Remarks -match 'Needs the real OneNET platform|Needs a private deployment') { Set-ItResult -Skipped -Because 'it needs a server outside this machine'; return }
        if ($Remarks -match 'Needs an interactive terminal') { Set-ItResult -Skipped -Because 'examples run in a runspace that cannot draw (tests/LiveView.Tests.ps1 drives the terminal view)'; return }
        if ($Code -match 'mosquitto_sub' -and -not (Get-Command mosquitto_sub -ErrorAction Ignore) -and -not $env:CI) {
            Set-ItResult -Skipped -Because 'mosquitto_sub is not installed'; return
        }
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("Set-Location '$workDir'; Import-Module '$env:ONENET_TEST_MODULE/OneNetStudio.psd1'").AddStatement()
            $null = $ps.AddScript($Code).AddStatement()
            $null = $ps.AddScript('Get-OneNetSession | Disconnect-OneNet; Stop-OneNetSimulator; ' +
                "'ONENET_USER_ID', 'ONENET_PROJECT_ID', 'ONENET_GROUP_ID', 'ONENET_ACCESS_KEY', 'ONENET_SERVER', 'ONENET_PORT' | ForEach-Object { Remove-Item env:`$_ -ErrorAction Ignore }")
            $handle = $ps.BeginInvoke()
            $finished = $handle.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds(60))
            if (-not $finished) { $ps.Stop() }
            $finished | Should -BeTrue -Because 'the example must finish within a minute'
            $output = $ps.EndInvoke($handle)
            $errors = @($ps.Streams.Error | ForEach-Object { "$($_.FullyQualifiedErrorId): $_" })
            $errors | Should -BeNullOrEmpty
            $ps.HadErrors | Should -BeFalse
        }
        finally {
            $ps.Dispose()
        }
    }
}

Describe 'The help converter (tools/Build-Help.ps1)' {
    BeforeAll {
        $script:converter = Join-Path $PSScriptRoot '../tools/Build-Help.ps1'
        $script:docs = Join-Path $PSScriptRoot '../docs/en-US'
        function Invoke-Converter([string] $DocsPath) {
            $out = Join-Path ([IO.Path]::GetTempPath()) "onenet-help-$([guid]::NewGuid().ToString('N'))"
            $ps = [powershell]::Create()
            $null = $ps.AddCommand($converter).AddParameter('ModulePath', $env:ONENET_TEST_MODULE).AddParameter('DocsPath', $DocsPath).AddParameter('OutputPath', $out)
            try { $null = $ps.Invoke(); [pscustomobject]@{ Output = $out; Error = $null } }
            catch { [pscustomobject]@{ Output = $out; Error = $_.Exception.InnerException ?? $_.Exception } }
            finally { $ps.Dispose() }
        }
        function Copy-Docs {
            $copy = Join-Path ([IO.Path]::GetTempPath()) "onenet-docs-$([guid]::NewGuid().ToString('N'))"
            Copy-Item $docs $copy -Recurse
            $copy
        }
    }

    It 'turns the markdown into MAML that names every cmdlet, parameter and example' {
        $result = Invoke-Converter $docs
        $result.Error | Should -BeNullOrEmpty
        [xml] $maml = Get-Content (Join-Path $result.Output 'OneNetStudio.dll-Help.xml') -Raw
        $ns = [System.Xml.XmlNamespaceManager]::new($maml.NameTable)
        $ns.AddNamespace('command', 'http://schemas.microsoft.com/maml/dev/command/2004/10')
        $ns.AddNamespace('maml', 'http://schemas.microsoft.com/maml/2004/10')
        $names = $maml.SelectNodes('//command:command/command:details/command:name', $ns) | ForEach-Object InnerText
        ($names | Sort-Object) | Should -Be ((Get-Command -Module OneNetStudio).Name | Sort-Object)
        $setExamples = $maml.SelectNodes("//command:command[command:details/command:name='Set-OneNetProperty']//command:example", $ns)
        $setExamples.Count | Should -Be 7
        Test-Path (Join-Path $result.Output 'about_OneNetStudio.help.txt') | Should -BeTrue
        Remove-Item $result.Output -Recurse -Force
    }

    It 'fails the build when a parameter is undocumented' {
        $copy = Copy-Docs
        $file = Join-Path $copy 'Get-OneNetReply.md'
        (Get-Content $file -Raw) -replace '(?ms)^### -Wait.*?(?=^### )', '' | Set-Content $file
        $result = Invoke-Converter $copy
        $result.Error.Message | Should -Match 'Get-OneNetReply.*-Wait'
        Remove-Item $copy -Recurse -Force
    }

    It 'fails the build when a cmdlet has fewer than three examples' {
        $copy = Copy-Docs
        $file = Join-Path $copy 'Stop-OneNetSimulator.md'
        (Get-Content $file -Raw) -replace '(?ms)^### Example 3.*?(?=^## PARAMETERS)', '' | Set-Content $file
        $result = Invoke-Converter $copy
        $result.Error.Message | Should -Match 'Stop-OneNetSimulator'
        Remove-Item $copy -Recurse -Force
    }
}
