#!/usr/bin/env bash
# Installs what is missing, then serves the app at http://127.0.0.1:8080 with live rebuilds.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh build
source scripts/env.sh
exec trunk serve --offline "$@"
