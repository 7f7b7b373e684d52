#!/usr/bin/env bash
# Quickstart 2: unit, contract and end-to-end suites. Starts Azurite for the run if it is not already
# running and stops what it started. Extra arguments go to Maven (e.g. -Dtest=UploadFlowE2ETest -Dsurefire.failIfNoSpecifiedTests=false).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
started_azurite=0
if ! curl -s -o /dev/null "http://127.0.0.1:10000/"; then
  scripts/azurite.sh start
  started_azurite=1
fi
trap '[ "$started_azurite" = 1 ] && scripts/azurite.sh stop' EXIT
mvn -B verify "$@"
