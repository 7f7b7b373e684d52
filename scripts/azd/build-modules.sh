#!/usr/bin/env sh
# azd's prepackage hook for the api service. azd packages a Java service by running `mvn package` inside
# functions/, where the sibling modules (core, adapters, durable-orchestrators) do not resolve unless they are in
# the local Maven repository: build and install them from the reactor first.
set -eu
cd "$(dirname "$0")/../.."
mvn -B -q -DskipTests install -pl functions -am
