#!/usr/bin/env bash
# Quickstart 2: the Bicep syntax check, then unit, contract and end-to-end suites (mvn verify) with Azurite up;
# starts Azurite for the run if it is not already running and stops what it started.
# Extra arguments go to Maven (e.g. -Dtest=UploadFlowE2ETest -Dsurefire.failIfNoSpecifiedTests=false).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d tools/bicep-check/node_modules ] || (cd tools/bicep-check && npm ci --no-audit --no-fund --loglevel=error)
(cd tools/bicep-check && node check.mjs ../../bicep)
scripts/with-azurite.sh mvn -B verify "$@"
