#!/usr/bin/env bash
# Quickstart 1: the whole backend on this machine, no cloud account. Starts Azurite (if it is not already
# running), builds the web app and the local runtime, and serves the web app on http://127.0.0.1:7071/ and the
# API on http://127.0.0.1:7071/api. Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build-web.sh
mvn -q -B -DskipTests -pl local/devhost -am install
scripts/with-azurite.sh java -jar local/devhost/target/devhost.jar
