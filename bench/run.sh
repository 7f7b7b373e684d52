#!/usr/bin/env bash
# Runs the benchmarks side by side and prints ratios. Not part of the test run.
#   bench/run.sh [aggregation|storage|uploads|transcode|load]   (default: all; aggregation includes storage)
#   bench/run.sh record   re-records activity durations for the replay simulator (bench/recordings/)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -q -B -DskipTests -pl bench -am install
scripts/with-azurite.sh mvn -q -B -pl bench exec:java -Dexec.args="$root/local/devhost/target/devhost.jar ${1:-}"
