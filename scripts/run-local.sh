#!/usr/bin/env bash
# Quickstart 1: the whole backend on this machine, no cloud account. Starts Azurite (if it is not already
# running), builds the local runtime, and serves the API on http://127.0.0.1:7071/api. Ctrl-C stops both.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
started_azurite=0
if ! curl -s -o /dev/null "http://127.0.0.1:10000/"; then
  scripts/azurite.sh start
  started_azurite=1
fi
trap '[ "$started_azurite" = 1 ] && scripts/azurite.sh stop' EXIT
mvn -q -B -DskipTests -pl devhost -am install
java -jar devhost/target/devhost.jar
