<#
.SYNOPSIS
    Warm render times of the Jinja2 template engine next to the Liquid translation over Fluid it replaced.
.DESCRIPTION
    Renders examples/docker (config read once, then ScriptRenderer.Render as Get-CloudComposeUserData does) and a
    generated 2,000-line template, -Runs times each after a warm-up, and prints the median of each engine. The
    baseline is the engine as it was in the commit before the Fluid translation was removed: this script checks that
    commit out into a temporary git worktree, builds it, and loads it into an AssemblyLoadContext of its own, beside
    the module's engine (also in its own context), so both run in this process with the same inputs.

    The 2,000-line template comes in two forms: loops, conditions, filters and includes, which both engines render
    (their outputs are compared), and the same with macros, which only the new engine renders.
    Targets: examples/docker <= 5 ms and the 2,000-line template <= 50 ms, warm median. A report, not a test: it
    exits 0 whatever the figures.
.EXAMPLE
    dotnet pwsh ./benchmarks/Templates.Benchmark.ps1 -ModuleDir ./out/CloudCompose.Image/0.1.0 -EmulatorDir ./out/emulator
#>
param(
    [Parameter(Mandatory)] [string] $ModuleDir,
    # Taken because build.ps1 -Task Benchmark passes it to every benchmark; templates need no emulator.
    [Parameter(Mandatory)] [string] $EmulatorDir,
    [ValidateRange(5, 500)] [int] $Runs = 41
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3

$root = (Resolve-Path (Join-Path $PSScriptRoot '..')).Path
$ModuleDir = (Resolve-Path $ModuleDir).Path

Add-Type -TypeDefinition @'
using System;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace TemplateBenchmark
{
    // Loads an engine and its dependencies from its folders, so two builds of CloudCompose.Image can live in one process.
    // Assemblies the runtime carries (netstandard polyfills shipped beside an engine) come from the runtime.
    public sealed class FolderContext : AssemblyLoadContext
    {
        private static readonly System.Collections.Generic.HashSet<string> Platform = PlatformNames();
        private readonly string[] folders;

        public FolderContext(string name, params string[] folders) : base(name)
        {
            this.folders = folders;
        }

        private static System.Collections.Generic.HashSet<string> PlatformNames()
        {
            var names = new System.Collections.Generic.HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var path in ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")).Split(Path.PathSeparator))
            {
                names.Add(Path.GetFileNameWithoutExtension(path));
            }

            return names;
        }

        protected override Assembly Load(AssemblyName name)
        {
            if (Platform.Contains(name.Name))
            {
                return null;
            }

            foreach (var folder in folders)
            {
                var path = Path.Combine(folder, name.Name + ".dll");
                if (File.Exists(path))
                {
                    return LoadFromAssemblyPath(path);
                }
            }

            return null;
        }
    }
}
'@

function Get-Median([double[]] $Values) {
    $sorted = $Values | Sort-Object
    $middle = [math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2) { $sorted[$middle] } else { ($sorted[$middle - 1] + $sorted[$middle]) / 2 }
}

function New-Engine([string] $Name, [string[]] $Folders) {
    $context = [TemplateBenchmark.FolderContext]::new($Name, $Folders)
    $assembly = $context.LoadFromAssemblyName([Reflection.AssemblyName]::new('CloudCompose.Image'))
    [pscustomobject]@{
        Name           = $Name
        Renderer       = $assembly.GetType('CloudCompose.Image.Templates.TemplateRenderer', $true)
        ConfigReader   = $assembly.GetType('CloudCompose.Image.Configuration.ConfigReader', $true)
        ScriptRenderer = $assembly.GetType('CloudCompose.Image.Rendering.ScriptRenderer', $true)
    }
}

function Measure-Render([scriptblock] $Render) {
    # Three renders warm the JIT and the parsed-template cache; then the timed runs.
    $output = $null
    foreach ($i in 1..3) { $output = & $Render }
    $times = foreach ($i in 1..$Runs) {
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $null = & $Render
        $watch.Elapsed.TotalMilliseconds
    }
    [pscustomobject]@{ Median = Get-Median $times; Output = $output; Error = $null }
}

function Measure-Safely([scriptblock] $Render) {
    try { Measure-Render $Render }
    catch {
        $inner = $_.Exception
        while ($inner.InnerException) { $inner = $inner.InnerException }
        $id = if ($inner.PSObject.Properties['ErrorId']) { "$($inner.ErrorId): " } else { '' }
        [pscustomobject]@{ Median = $null; Output = $null; Error = "cannot render ($id$($inner.Message -replace ' at /.*$', ''))" }
    }
}

function New-LongTemplate([string] $Folder, [bool] $WithMacros) {
    # 2,000 lines of what bootstrap scripts do: package loops, conditions, filters, includes (and macros).
    New-Item -ItemType Directory -Force $Folder | Out-Null
    Set-Content -NoNewline -Path (Join-Path $Folder 'part.sh') -Value "# part for {{ name | upper }}`n"
    $lines = [Collections.Generic.List[string]]::new()
    $lines.Add('#!/bin/bash')
    if ($WithMacros) {
        $lines.Add("{% macro install(pkg, version='latest') -%}")
        $lines.Add('apt-get install -y {{ pkg }}={{ version }}  # {{ pkg | upper }}')
        $lines.Add('{%- endmacro %}')
        $lines.Add('{% macro user(u) -%}')
        $lines.Add('useradd -m {{ u.name }}{% for key in u.keys_list %} && echo {{ key | replace(" ", "_") }} >> /home/{{ u.name }}/.ssh/authorized_keys{% endfor %}')
        $lines.Add('{%- endmacro %}')
    }
    $section = 0
    while ($lines.Count -lt 2000) {
        $section++
        $lines.Add("# section $section")
        $lines.Add('{% for pkg in packages %}')
        $lines.Add($(if ($WithMacros) { '{{ install(pkg, loop.index) }}' } else { 'apt-get install -y {{ pkg }}={{ loop.index }}  # {{ pkg | upper }}' }))
        $lines.Add('{% endfor %}')
        $lines.Add('{% if enabled and (count > 3 or name | length > 2) %}')
        $lines.Add("echo {{ name ~ '-' ~ section_label | default('none') }} {{ flags | join(',') }}")
        $lines.Add('{% elif not enabled %}')
        $lines.Add('echo disabled')
        $lines.Add('{% else %}')
        $lines.Add('echo other')
        $lines.Add('{% endif %}')
        $lines.Add('{% for u in users %}')
        $lines.Add($(if ($WithMacros) { '{{ user(u) }}' } else { 'useradd -m {{ u.name }}{% for key in u.keys_list %} && echo {{ key | replace(" ", "_") }} >> /home/{{ u.name }}/.ssh/authorized_keys{% endfor %}' }))
        $lines.Add('{% endfor %}')
        $lines.Add("{% set label = name | lower ~ '-' ~ section_label | default('x') %}")
        $lines.Add('echo {{ label }} {{ region | default("us-east-1") }}')
        $lines.Add('{% include "part.sh" %}')
    }
    Set-Content -NoNewline -Path (Join-Path $Folder 'image.sh') -Value ($lines -join "`n")
    $lines.Count
}

function New-Variables {
    $users = [Collections.Generic.List[object]]::new()
    foreach ($name in 'alice', 'bob') {
        $user = [Collections.Generic.Dictionary[string, object]]::new()
        $user['name'] = $name
        $user['keys_list'] = [Collections.Generic.List[object]]::new([object[]]@("ssh-ed25519 AAAA $name-1", "ssh-ed25519 AAAA $name-2"))
        $users.Add($user)
    }
    $variables = [Collections.Generic.Dictionary[string, object]]::new()
    $variables['packages'] = [Collections.Generic.List[object]]::new([object[]]@('git', 'curl', 'jq', 'htop'))
    $variables['users'] = $users
    $variables['flags'] = [Collections.Generic.List[object]]::new([object[]]@('a', 'b'))
    $variables['enabled'] = $true
    $variables['count'] = [long]5
    $variables['name'] = 'Demo'
    $variables
}

$baselineFile = 'src/CloudCompose.Image/Templates/TemplateTranslator.cs'
$removal = git -C $root rev-list -1 HEAD -- $baselineFile
if (-not $removal) { throw "No commit on this branch removed $baselineFile, so there is no Fluid baseline to compare with." }
$baselineCommit = git -C $root rev-parse --short "$removal^"
$scratch = Join-Path ([IO.Path]::GetTempPath()) ("cc-template-benchmark-" + [Guid]::NewGuid().ToString('N'))
$worktree = Join-Path $scratch 'baseline'
try {
    git -C $root worktree add --detach --quiet $worktree "$removal^" | Out-Null
    $baselineBin = Join-Path $scratch 'baseline-bin'
    dotnet publish (Join-Path $worktree 'src/CloudCompose.Image/CloudCompose.Image.csproj') -c Release -o $baselineBin -nologo -v q | Out-Null
    if ($LASTEXITCODE -ne 0) { throw "Building the Fluid baseline ($baselineCommit) failed." }

    $engines = @(
        New-Engine 'new engine' @((Join-Path $ModuleDir 'dependencies'), $ModuleDir)
        New-Engine "Fluid baseline ($baselineCommit)" @($baselineBin)
    )

    $templates = Join-Path $scratch 'templates'
    $shared = Join-Path $templates 'shared'
    $macros = Join-Path $templates 'macros'
    $sharedLines = New-LongTemplate $shared $false
    $macroLines = New-LongTemplate $macros $true
    $variables = New-Variables
    $docker = Join-Path $root 'examples/docker/cloud-compose/cloud-compose.yml'
    $environment = @{ AMI_ID = 'ami-6d1c2007'; SUBNET_ID = 'subnet-9f0074c6' }
    $lookup = [Func[string, string]] { param($n) $environment[$n] }

    $cases = [ordered]@{
        'examples/docker (ScriptRenderer.Render)' = @{ Target = 5; Render = {
                param($engine)
                $reader = $engine.ConfigReader
                $scripts = $engine.ScriptRenderer
                $config = $reader::Read($docker, $lookup)
                { $scripts::Render($config, $environment, $true).Script }.GetNewClosure()
            }
        }
        "$sharedLines lines: loops, conditions, filters, includes" = @{ Target = 50; Render = {
                param($engine)
                $renderer = [Activator]::CreateInstance($engine.Renderer, @(, [string[]]@($shared)))
                { $renderer.Render('image.sh', $variables).Text }.GetNewClosure()
            }
        }
        "$macroLines lines: the same with macros" = @{ Target = 50; Render = {
                param($engine)
                $renderer = [Activator]::CreateInstance($engine.Renderer, @(, [string[]]@($macros)))
                { $renderer.Render('image.sh', $variables).Text }.GetNewClosure()
            }
        }
    }

    $results = [ordered]@{}
    foreach ($name in $cases.Keys) {
        $results[$name] = foreach ($engine in $engines) { Measure-Safely (& $cases[$name].Render $engine) }
    }

    Write-Host ("Template benchmark: median of {0} warm renders (PowerShell {1}, {2} cores, load average {3})" -f $Runs, $PSVersionTable.PSVersion, [Environment]::ProcessorCount, $(if (Test-Path /proc/loadavg) { (Get-Content /proc/loadavg).Split(' ')[0] } else { 'n/a' }))
    Write-Host ('  {0,-50} {1,-12} {2,-28} {3}' -f 'case', $engines[0].Name, $engines[1].Name, 'target (new engine)')
    foreach ($name in $cases.Keys) {
        $new, $old = $results[$name]
        $show = { param($r) if ($null -ne $r.Median) { '{0:N2} ms' -f $r.Median } else { 'n/a' } }
        $verdict = if ($null -eq $new.Median) { 'FAILED' } elseif ($new.Median -le $cases[$name].Target) { 'within' } else { 'OVER' }
        $same = if ($null -eq $new.Output -or $null -eq $old.Output) { '' } elseif ($new.Output -ceq $old.Output) { '   same output' } else { '   the outputs DIFFER' }
        Write-Host ('  {0,-50} {1,-12} {2,-28} <= {3} ms: {4}{5}' -f $name, (& $show $new), (& $show $old), $cases[$name].Target, $verdict, $same)
        foreach ($failed in @($new, $old) | Where-Object { $_.Error }) { Write-Host ('  {0,-50} {1}' -f '', $failed.Error) }
    }
}
finally {
    if (Test-Path $worktree) { git -C $root worktree remove --force $worktree | Out-Null }
    Remove-Item -Recurse -Force $scratch -ErrorAction SilentlyContinue
}
