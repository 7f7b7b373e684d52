# azd's prepackage hook for the api service, on Windows: see build-modules.sh.
$ErrorActionPreference = 'Stop'
Set-Location (Join-Path $PSScriptRoot '../..')
mvn -B -q -DskipTests install -pl functions -am
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
