#!/usr/bin/env bash
# Quickstart 2: unit, contract and end-to-end suites. Starts Azurite for the run if it is not already
# running and stops what it started. Extra arguments go to Maven (e.g. -Dtest=UploadFlowE2ETest -Dsurefire.failIfNoSpecifiedTests=false).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/with-azurite.sh mvn -B verify "$@"
