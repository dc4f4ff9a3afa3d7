#!/usr/bin/env bash
# Installs what is missing, then builds the release site into dist/ (static files for any host).
# Extra arguments go to trunk, e.g. --public-url /weak-ties/ for a site under a sub-path.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh build
source scripts/env.sh
exec trunk build --release --offline "$@"
