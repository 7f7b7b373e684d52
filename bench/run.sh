#!/usr/bin/env bash
# Runs the benchmarks side by side and prints ratios. Not part of the test run.
#   bench/run.sh [uploads|transcode]   (default: both)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
started_azurite=0
if ! curl -s -o /dev/null "http://127.0.0.1:10000/"; then
  scripts/azurite.sh start
  started_azurite=1
fi
trap '[ "$started_azurite" = 1 ] && scripts/azurite.sh stop' EXIT
mvn -q -B -DskipTests -pl bench -am install
mvn -q -B -pl bench exec:java -Dexec.args="$root/devhost/target/devhost.jar ${1:-}"
