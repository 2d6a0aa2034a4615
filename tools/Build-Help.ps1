#Requires -Version 7.4
<#
.SYNOPSIS
    Builds MAML help (OneNetStudio.dll-Help.xml) and about_ topics from docs/<culture>/*.md.
.DESCRIPTION
    platyPS is not available to us, so this is our own small converter. Parameter types, parameter sets, positions,
    required and pipeline input come from the built cmdlets' metadata (Get-Command), so the help cannot drift from the
    code; the markdown supplies the prose: SYNOPSIS, DESCRIPTION, EXAMPLES (### titles with a powershell code fence,
    then remarks), PARAMETERS (### -Name, then its description), INPUTS, OUTPUTS, NOTES, RELATED LINKS.
    The build fails when a cmdlet or a parameter has no text, has fewer than three examples, or the markdown documents
    a parameter that is gone.

    A parameter's default value is what its C# property states with [PSDefaultValue]: Value for a plain value the
    property starts with ([PSDefaultValue(Value = 60)]; tests/Help.Tests.ps1 checks that a new cmdlet starts with it),
    Help for a default that is resolved in code when the parameter is not bound ([PSDefaultValue(Help = "The current
    session")]); Help wins when both are given. A parameter that states nothing shows "None". Defaults are never read
    from a cmdlet instance: for defaults resolved in code it holds a sentinel (-1, 0, DateTime.MinValue) or an id that
    was random once, when the help was built.

    In the help of a parameter that is in several parameter sets, the position is the one it has in every set
    ("named" when the sets disagree or it is named in any), it is required when it is mandatory in every set, and it
    takes pipeline input the ways any set takes it. The syntax lists each set with its own positions.
#>
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [Parameter(Mandatory)][string] $DocsPath,
    [Parameter(Mandatory)][string] $OutputPath
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$commonParameters = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters

function Split-Sections([string[]] $Lines, [string] $Marker) {
    $sections = [ordered]@{}
    $current = $null
    foreach ($line in $Lines) {
        if ($line.StartsWith($Marker)) { $current = $line.Substring($Marker.Length).Trim(); $sections[$current] = [System.Collections.Generic.List[string]]::new(); continue }
        if ($null -ne $current) { $sections[$current].Add($line) }
    }
    $sections
}

function ConvertTo-Paragraphs([string[]] $Lines) {
    $text = ($Lines -join "`n").Trim()
    if (-not $text) { return @() }
    @($text -split "`n\s*`n" | ForEach-Object { ($_ -split "`n" | ForEach-Object Trim) -join ' ' })
}

function Add-Paragraphs([System.Xml.XmlElement] $Parent, [string[]] $Paragraphs) {
    foreach ($p in $Paragraphs) { $Parent.AppendChild($doc.CreateElement('maml', 'para', $ns.maml)).InnerText = $p }
}

function New-Element([System.Xml.XmlNode] $Parent, [string] $QualifiedName, [string] $Text) {
    $prefix, $local = $QualifiedName -split ':'
    $element = $doc.CreateElement($prefix, $local, $ns[$prefix])
    if ($PSBoundParameters.ContainsKey('Text')) { $element.InnerText = $Text }
    $null = $Parent.AppendChild($element)
    $element
}

function Get-ParameterDefault([System.Management.Automation.ParameterMetadata] $Parameter) {
    $stated = $Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.PSDefaultValueAttribute] } | Select-Object -First 1
    if (-not $stated) { return 'None' }
    if ($stated.Help) { return $stated.Help }
    if ($null -ne $stated.Value) { return ($stated.Value -join ', ') }
    'None'
}

function Get-ParameterPosition([System.Management.Automation.ParameterMetadata] $Parameter) {
    $positions = @($Parameter.ParameterSets.Values.Position | Sort-Object -Unique)
    if ($positions.Count -eq 1 -and $positions[0] -ge 0) { "$($positions[0])" } else { 'named' }
}

function Get-PipelineInput([System.Management.Automation.ParameterMetadata] $Parameter) {
    $byValue = [bool]($Parameter.ParameterSets.Values | Where-Object ValueFromPipeline)
    $byName = [bool]($Parameter.ParameterSets.Values | Where-Object ValueFromPipelineByPropertyName)
    if ($byValue -and $byName) { 'True (ByValue, ByPropertyName)' } elseif ($byValue) { 'True (ByValue)' } elseif ($byName) { 'True (ByPropertyName)' } else { 'False' }
}

# A nullable value type shows as its value type: not giving the parameter is what null stands for.
function Get-HelpType([type] $Type) {
    $underlying = [Nullable]::GetUnderlyingType($Type)
    if ($underlying) { $underlying } else { $Type }
}

$ns = @{
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
}
$module = Import-Module (Join-Path $ModulePath 'OneNetStudio.psd1') -PassThru -Force
$doc = [System.Xml.XmlDocument]::new()
$null = $doc.AppendChild($doc.CreateXmlDeclaration('1.0', 'utf-8', $null))
$helpItems = $doc.CreateElement('helpItems')
$helpItems.SetAttribute('schema', 'maml')
$helpItems.SetAttribute('xmlns', 'http://msh')
foreach ($prefix in $ns.Keys) { $helpItems.SetAttribute("xmlns:$prefix", $ns[$prefix]) }
$null = $doc.AppendChild($helpItems)
$problems = [System.Collections.Generic.List[string]]::new()

foreach ($command in Get-Command -Module $module.Name -CommandType Cmdlet | Sort-Object Name) {
    $file = Join-Path $DocsPath "$($command.Name).md"
    if (-not (Test-Path $file)) { $problems.Add("$($command.Name): no $file"); continue }
    $sections = Split-Sections (Get-Content $file) '## '
    foreach ($required in 'SYNOPSIS', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'OUTPUTS') {
        if (-not $sections.Contains($required) -or -not ($sections[$required] -join '').Trim()) { $problems.Add("$($command.Name): section $required is missing or empty") }
    }
    if ($problems.Count) { continue }
    $parameterDocs = Split-Sections $sections['PARAMETERS'] '### '
    $parameters = $command.Parameters.Values | Where-Object Name -NotIn $commonParameters
    foreach ($p in $parameters) {
        if (-not $parameterDocs.Contains("-$($p.Name)") -or -not ($parameterDocs["-$($p.Name)"] -join '').Trim()) { $problems.Add("$($command.Name): parameter -$($p.Name) is not documented") }
    }
    foreach ($documented in $parameterDocs.Keys) {
        if ($documented.TrimStart('-') -notin $parameters.Name) { $problems.Add("$($command.Name): documents $documented, which the cmdlet does not have") }
    }
    $examples = Split-Sections $sections['EXAMPLES'] '### '
    if ($examples.Count -lt 3) { $problems.Add("$($command.Name): needs at least three examples, has $($examples.Count)") }

    $root = New-Element $helpItems 'command:command'
    $details = New-Element $root 'command:details'
    $null = New-Element $details 'command:name' $command.Name
    $null = New-Element $details 'command:verb' $command.Verb
    $null = New-Element $details 'command:noun' $command.Noun
    Add-Paragraphs (New-Element $details 'maml:description') (ConvertTo-Paragraphs $sections['SYNOPSIS'])
    Add-Paragraphs (New-Element $root 'maml:description') (ConvertTo-Paragraphs $sections['DESCRIPTION'])

    $syntax = New-Element $root 'command:syntax'
    foreach ($set in $command.ParameterSets) {
        $item = New-Element $syntax 'command:syntaxItem'
        $null = New-Element $item 'maml:name' $command.Name
        foreach ($sp in $set.Parameters | Where-Object Name -NotIn $commonParameters) {
            $pe = New-Element $item 'command:parameter'
            $pe.SetAttribute('required', "$($sp.IsMandatory)".ToLower())
            $pe.SetAttribute('position', $(if ($sp.Position -ge 0) { "$($sp.Position)" } else { 'named' }))
            $null = New-Element $pe 'maml:name' $sp.Name
            if ($sp.ParameterType -ne [System.Management.Automation.SwitchParameter]) { $null = New-Element $pe 'command:parameterValue' (Get-HelpType $sp.ParameterType).Name }
        }
    }

    $parametersElement = New-Element $root 'command:parameters'
    foreach ($p in $parameters | Sort-Object Name) {
        $pe = New-Element $parametersElement 'command:parameter'
        $mandatoryInEverySet = -not ($p.ParameterSets.Values | Where-Object { -not $_.IsMandatory })
        $pe.SetAttribute('required', "$mandatoryInEverySet".ToLower())
        $pe.SetAttribute('position', (Get-ParameterPosition $p))
        $pe.SetAttribute('pipelineInput', (Get-PipelineInput $p))
        $supportsWildcards = [bool]($p.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
        $pe.SetAttribute('globbing', "$supportsWildcards".ToLower())
        $null = New-Element $pe 'maml:name' $p.Name
        Add-Paragraphs (New-Element $pe 'maml:description') (ConvertTo-Paragraphs $parameterDocs["-$($p.Name)"])
        $helpType = Get-HelpType $p.ParameterType
        if ($p.ParameterType -ne [System.Management.Automation.SwitchParameter]) {
            $value = New-Element $pe 'command:parameterValue' $helpType.Name
            $value.SetAttribute('required', 'true')
        }
        $type = New-Element $pe 'dev:type'
        $null = New-Element $type 'maml:name' $helpType.FullName
        $null = New-Element $pe 'dev:defaultValue' (Get-ParameterDefault $p)
    }

    foreach ($pair in @(@('INPUTS', 'command:inputTypes', 'command:inputType'), @('OUTPUTS', 'command:returnValues', 'command:returnValue'))) {
        if (-not $sections.Contains($pair[0])) { continue }
        $container = New-Element $root $pair[1]
        foreach ($entry in (Split-Sections $sections[$pair[0]] '### ').GetEnumerator()) {
            $item = New-Element $container $pair[2]
            $type = New-Element $item 'dev:type'
            $null = New-Element $type 'maml:name' $entry.Key
            Add-Paragraphs (New-Element $item 'maml:description') (ConvertTo-Paragraphs $entry.Value)
        }
    }
    if ($sections.Contains('NOTES')) {
        $alert = New-Element (New-Element $root 'maml:alertSet') 'maml:alert'
        Add-Paragraphs $alert (ConvertTo-Paragraphs $sections['NOTES'])
    }

    $examplesElement = New-Element $root 'command:examples'
    foreach ($example in $examples.GetEnumerator()) {
        $lines = $example.Value
        $start = [array]::FindIndex([string[]]$lines, [Predicate[string]] { param($l) $l -match '^```' })
        $end = if ($start -ge 0) { [array]::FindIndex([string[]]$lines, $start + 1, [Predicate[string]] { param($l) $l -match '^```' }) } else { -1 }
        if ($start -lt 0 -or $end -lt 0) { $problems.Add("$($command.Name): example '$($example.Key)' has no code fence"); continue }
        $e = New-Element $examplesElement 'command:example'
        $null = New-Element $e 'maml:title' "-------------------------- $($example.Key) --------------------------"
        $null = New-Element $e 'dev:code' (($lines[($start + 1)..($end - 1)]) -join "`n")
        Add-Paragraphs (New-Element $e 'dev:remarks') (ConvertTo-Paragraphs $lines[($end + 1)..($lines.Count - 1)])
    }

    if ($sections.Contains('RELATED LINKS')) {
        $links = New-Element $root 'maml:relatedLinks'
        foreach ($line in $sections['RELATED LINKS'] | Where-Object { $_ -match '\[(.+?)\]\((.*?)\)' }) {
            $null = $line -match '\[(.+?)\]\((.*?)\)'
            $link = New-Element $links 'maml:navigationLink'
            $null = New-Element $link 'maml:linkText' $Matches[1]
            $null = New-Element $link 'maml:uri' $Matches[2]
        }
    }
}

if ($problems.Count) { throw "Help is incomplete:`n  $($problems -join "`n  ")" }
$null = New-Item -ItemType Directory -Path $OutputPath -Force
$doc.Save((Join-Path $OutputPath 'OneNetStudio.dll-Help.xml'))
foreach ($about in Get-ChildItem $DocsPath -Filter 'about_*.md') {
    Copy-Item $about.FullName (Join-Path $OutputPath "$($about.BaseName).help.txt")
}
Write-Host "Help written to $OutputPath"
