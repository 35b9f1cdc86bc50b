#!/usr/bin/env bash
# Runs the whole test suite and ends with the plain line `N passed, N failed` that CI reads.
# Usage: tests/run.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Stacks]
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RESULTS="$ROOT/TestResults"
rm -rf "$RESULTS"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet test "$ROOT/tests/Cascade.Tests.csproj" \
    --logger "trx;LogFileName=results.trx" --logger "console;verbosity=normal" \
    --results-directory "$RESULTS" "$@"
status=$?

trx="$RESULTS/results.trx"
if [[ ! -f "$trx" ]]; then
    echo "0 passed, 1 failed"
    echo "no test results were written (did the build fail?)" >&2
    exit 1
fi
counters=$(grep -o '<Counters [^>]*>' "$trx")
value() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<< "$counters"; }
passed=$(value passed); failed=$(value failed); total=$(value total)
skipped=$(( total - passed - failed ))
if (( skipped > 0 )); then
    echo "$passed passed, $failed failed, $skipped skipped"
else
    echo "$passed passed, $failed failed"
fi
(( failed == 0 && status == 0 && total > 0 )) || exit 1
