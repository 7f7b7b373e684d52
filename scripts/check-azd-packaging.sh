#!/usr/bin/env bash
# Proves the deploy path packages from a clean machine: in a fresh clone of the committed tree, with a local Maven
# repository that holds every third-party artifact but none of this project's modules, it runs what `azd up` runs
# for the api service: the prepackage hook, then `mvn package` inside functions/. It also shows that without the
# hook that command fails, which is the failure the hook exists for.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
m2="${MAVEN_REPOSITORY:-$HOME/.m2/repository}"
work="$(mktemp -d "$(dirname "$m2")/azd-check.XXXXXX")"   # beside the repository, so hard links work
trap 'rm -rf "$work"' EXIT
git clone -q "$root" "$work/repo"
cp -al "$m2" "$work/m2"
rm -rf "$work/m2/com/contoso"
export MAVEN_OPTS="${MAVEN_OPTS:-} -Dmaven.repo.local=$work/m2"

if (cd "$work/repo/functions" && mvn -B -q -o -DskipTests package >"$work/without-hook.log" 2>&1); then
  echo "azd packaging check: mvn package in functions/ unexpectedly worked without the hook" >&2
  exit 1
fi
grep -q "Could not resolve dependencies" "$work/without-hook.log"

(cd "$work/repo/functions" && sh ../scripts/azd/build-modules.sh && mvn -B -q -o -DskipTests package)
app="$work/repo/functions/target/azure-functions/media-backend-func"
test -f "$app/host.json"
ls "$app/lib" | grep -q '^core-'
echo "azd packaging check: the api service packages from a fresh clone ($(ls "$app/lib" | wc -l) jars staged)"
