#!/usr/bin/env bash
# Quickstart 2: the Bicep syntax check, the Cosmos shim's own tests, the web app's build, then unit, contract,
# end-to-end and browser suites (mvn verify) with Azurite and the local Cosmos-compatible server up;
# starts Azurite for the run if it is not already running and stops what it started.
# Extra arguments go to Maven (e.g. -Dtest=UploadFlowE2ETest -Dsurefire.failIfNoSpecifiedTests=false).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d tools/bicep-check/node_modules ] || (cd tools/bicep-check && npm ci --no-audit --no-fund --loglevel=error)
(cd tools/bicep-check && node check.mjs ../../bicep && node check.mjs --self-test)
[ -d tools/cosmos/node_modules ] || (cd tools/cosmos && npm ci --no-audit --no-fund --loglevel=error)
(cd tools/cosmos && node --test --test-reporter=dot)
scripts/build-web.sh   # the browser suite drives the built app (it is skipped where chromium is absent, outside CI)
scripts/with-azurite.sh scripts/with-cosmos.sh mvn -B verify "$@"
scripts/check-azd-packaging.sh   # the deploy path packages from a fresh clone (needs the artifacts verify fetched)
