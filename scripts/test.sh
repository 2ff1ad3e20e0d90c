#!/usr/bin/env bash
# Runs every test on a fresh machine that has only the .NET SDK. The browser tests (end-to-end, accessibility, PDF
# records) drive Debian's chromium through Playwright; Playwright's own browser download is never used, so chromium
# comes from apt when it is missing, as do jq and unzip for the export verifier's tests.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
    echo "Installing Debian's chromium for the browser tests ..."
    if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core
fi

# The export's verifier (scripts/verify-export.sh) is tested as anyone would run it: bash with jq, sha256sum and unzip.
if ! command -v jq >/dev/null || ! command -v unzip >/dev/null; then
    echo "Installing jq and unzip for the export verifier's tests ..."
    if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends jq unzip
fi

dotnet test CoGov.sln "$@"
