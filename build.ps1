[CmdletBinding()]
Param(
    [Parameter(Position=0,Mandatory=$false,ValueFromRemainingArguments=$true)]
    [string[]]$BuildArguments
)

# stdout belongs to the target (`./build.ps1 Graph --format dot | dot -Tsvg`): this script writes only to
# stderr ([Console]::Error), and only when it compiles.

Set-StrictMode -Version 2.0; $ErrorActionPreference = "Stop"; $ConfirmPreference = "None"; trap { Write-Error $_ -ErrorAction Continue; exit 1 }
$PSScriptRoot = Split-Path $MyInvocation.MyCommand.Path -Parent

###########################################################################
# CONFIGURATION
###########################################################################

$BuildProjectFile = "$PSScriptRoot\build\_build.csproj"
$TempDirectory = "$PSScriptRoot\\.nuke\temp"
# What the build is compiled from: the build project (cascade-setup writes it alone here; Cascade's own adds the product and benchmarks).
$BuildSources = @("$PSScriptRoot\build", "$PSScriptRoot\src\Cascade", "$PSScriptRoot\benchmarks")

$DotNetGlobalFile = "$PSScriptRoot\\global.json"

###########################################################################
# EXECUTION
###########################################################################

$env:DOTNET_CLI_TELEMETRY_OPTOUT = 1
$env:DOTNET_NOLOGO = 1
$env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = 1
$env:DOTNET_MULTILEVEL_LOOKUP = 0
$env:DOTNET_ROLL_FORWARD = "Major"
$env:NUKE_TELEMETRY_OPTOUT = 1

# Cascade uses the dotnet on PATH (at the band global.json names or later); it does not download one.
if ($null -ne (Get-Command "dotnet" -ErrorAction SilentlyContinue)) {
    $env:DOTNET_EXE = (Get-Command "dotnet").Path
}
else {
    Write-Error "dotnet was not found on PATH. Install the .NET SDK named in $DotNetGlobalFile or later."
    exit 1
}

New-Item -ItemType Directory -Force -Path $TempDirectory | Out-Null

# The stamp holds the built program's path; its time is when that build started. Nothing under $BuildSources
# (bin/ and obj/ aside) newer than the stamp, and the program still there: no `dotnet build` at all.
# A deleted or renamed file counts too: it makes its folder newer.
$BuildStamp = Join-Path $TempDirectory "build.stamp"

function Test-BuildIsCurrent {
    if (-not (Test-Path $BuildStamp)) { return $false }
    $program = (Get-Content $BuildStamp -Raw).Trim()
    if (-not $program -or -not (Test-Path $program)) { return $false }
    $stampTime = (Get-Item $BuildStamp).LastWriteTimeUtc
    $folders = @(Get-Item $BuildSources -ErrorAction SilentlyContinue)
    $top = @($folders | Get-ChildItem -Force | Where-Object { $_.Name -notin 'bin', 'obj' })
    $sources = $folders + @(Get-Item $DotNetGlobalFile -ErrorAction SilentlyContinue) + $top +
        @($top | Where-Object { $_.PSIsContainer } | Get-ChildItem -Recurse -Force)
    return -not ($sources | Where-Object { $_.LastWriteTimeUtc -gt $stampTime } | Select-Object -First 1)
}

function Invoke-CompileBuild {
    if (Test-Path $BuildStamp) {
        [Console]::Error.WriteLine("Compiling $BuildProjectFile (its sources changed) with .NET SDK $(& $env:DOTNET_EXE --version) ...")
    }
    else {
        [Console]::Error.WriteLine("First run: compiling $BuildProjectFile with .NET SDK $(& $env:DOTNET_EXE --version); this usually takes one to two minutes, and happens again only when its sources change ...")
    }
    # The compile's own bin/ and obj/ made now would make build/ newer than the stamp: the next run would compile again.
    $projectFolder = Split-Path $BuildProjectFile
    New-Item -ItemType Directory -Force -Path (Join-Path $projectFolder "bin"), (Join-Path $projectFolder "obj") | Out-Null
    $started = [DateTime]::UtcNow   # an edit made while compiling is newer than this, so it compiles again next time
    # Published ReadyToRun for this machine (see build.sh): options here, as NuGet restores before a package's props apply.
    $programDirectory = Join-Path $TempDirectory "program"
    & $env:DOTNET_EXE publish $BuildProjectFile -c Release --use-current-runtime --self-contained false -p:PublishReadyToRun=true -o $programDirectory /nodeReuse:false /p:UseSharedCompilation=false -nologo -clp:NoSummary --verbosity quiet |
        ForEach-Object { [Console]::Error.WriteLine($_) }
    if ($LASTEXITCODE) { exit $LASTEXITCODE }
    $program = Join-Path $programDirectory (& $env:DOTNET_EXE msbuild $BuildProjectFile -nologo -getProperty:TargetFileName).Trim()
    Set-Content -Path $BuildStamp -Value $program -NoNewline
    (Get-Item $BuildStamp).LastWriteTimeUtc = $started
}

if (-not (Test-BuildIsCurrent)) { Invoke-CompileBuild }

# PowerShell cannot replace its process as bash's exec does: the build runs as its direct child, sharing the
# console, so Ctrl-C reaches it; its exit code is this script's.
& $env:DOTNET_EXE (Get-Content $BuildStamp -Raw).Trim() $BuildArguments
exit $LASTEXITCODE
