#!/usr/bin/env bash
# stdout belongs to the target (`./build.sh Graph --format dot | dot -Tsvg`): this script writes only to
# stderr, and only when it compiles.

set -eo pipefail
SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

###########################################################################
# CONFIGURATION
###########################################################################

BUILD_PROJECT_FILE="$SCRIPT_DIR/build/_build.csproj"
TEMP_DIRECTORY="$SCRIPT_DIR/.nuke/temp"
# What the build is compiled from: the build project (cascade-setup writes it alone here; Cascade's own adds the product and benchmarks).
BUILD_SOURCES=("$SCRIPT_DIR/build" "$SCRIPT_DIR/src/Cascade" "$SCRIPT_DIR/benchmarks")

DOTNET_GLOBAL_FILE="$SCRIPT_DIR/global.json"

###########################################################################
# EXECUTION
###########################################################################

function FirstJsonValue {
    perl -nle 'print $1 if m{"'"$1"'": "([^"]+)",?}' <<< "${@:2}"
}

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export DOTNET_MULTILEVEL_LOOKUP=0
export DOTNET_ROLL_FORWARD="Major"
export NUKE_TELEMETRY_OPTOUT=1

# Cascade has no way to download an SDK here (machines without internet): it needs the dotnet on PATH,
# at the band global.json names or later.
if [[ -x "$(command -v dotnet)" ]]; then
    export DOTNET_EXE="$(command -v dotnet)"
else
    echo "dotnet was not found on PATH. Install the .NET SDK $(FirstJsonValue "version" "$(cat "$DOTNET_GLOBAL_FILE")") or later." >&2
    exit 1
fi

mkdir -p "$TEMP_DIRECTORY"

# The stamp holds the built program's path; its time is when that build started. Nothing under BUILD_SOURCES
# (bin/ and obj/ aside) newer than the stamp, and the program still there: no `dotnet build` at all.
# A deleted or renamed file counts too: it makes its folder newer.
BUILD_STAMP="$TEMP_DIRECTORY/build.stamp"
PROGRAM_DIRECTORY="$TEMP_DIRECTORY/program"

function BuildIsCurrent {
    [[ -f "$BUILD_STAMP" ]] && [[ -f "$(<"$BUILD_STAMP")" ]] || return 1
    local sources=() source
    for source in "${BUILD_SOURCES[@]}" "$DOTNET_GLOBAL_FILE"; do [[ -e "$source" ]] && sources+=("$source"); done
    [[ -z "$(find "${sources[@]}" \( -name bin -o -name obj \) -prune -o -newer "$BUILD_STAMP" -print -quit)" ]]
}

function CompileBuild {
    if [[ -f "$BUILD_STAMP" ]]; then
        echo "Compiling $BUILD_PROJECT_FILE (its sources changed) with .NET SDK $("$DOTNET_EXE" --version) ..." >&2
    else
        echo "First run: compiling $BUILD_PROJECT_FILE with .NET SDK $("$DOTNET_EXE" --version); this usually takes one to two minutes," \
             "and happens again only when its sources change ..." >&2
    fi
    local started="$BUILD_STAMP.$$.started" pending="$BUILD_STAMP.$$"
    # The compile's own bin/ and obj/ made now would make build/ newer than the stamp: the next run would compile again.
    mkdir -p "$(dirname "$BUILD_PROJECT_FILE")/bin" "$(dirname "$BUILD_PROJECT_FILE")/obj"
    : > "$started"   # an edit made while compiling is newer than this, so it compiles again next time
    # Published ReadyToRun for this machine: compiled ahead of time, so a run does not JIT it first. Most runs live
    # well under a second, and JIT was the biggest part of them (measured: Promote of 10 images 0.46 -> 0.30 s, Plan of
    # the sample 0.29 -> 0.21 s). Options here, not properties of the project: NuGet restores before a package's props apply.
    if ! "$DOTNET_EXE" publish "$BUILD_PROJECT_FILE" -c Release --use-current-runtime --self-contained false -p:PublishReadyToRun=true -o "$PROGRAM_DIRECTORY" /nodeReuse:false /p:UseSharedCompilation=false -nologo -clp:NoSummary --verbosity quiet >&2; then
        rm -f "$started"
        exit 1
    fi
    echo "$PROGRAM_DIRECTORY/$("$DOTNET_EXE" msbuild "$BUILD_PROJECT_FILE" -nologo -getProperty:TargetFileName)" > "$pending"
    touch -r "$started" "$pending"
    mv -f "$pending" "$BUILD_STAMP"
    rm -f "$started"
}

BuildIsCurrent || CompileBuild

# exec: this shell's process becomes the build, so SIGTERM and SIGINT sent to it reach the build itself,
# which stops cleanly and removes the containers it started.
exec "$DOTNET_EXE" "$(<"$BUILD_STAMP")" "$@"
