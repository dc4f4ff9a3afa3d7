#!/usr/bin/env bash
# Installs whatever is missing to build, serve or test Weak Ties. Safe to run again: each step checks
# first and is quick when the tool is already there.
#
#   scripts/setup.sh build   the wasm32 target, trunk 0.21, wasm-bindgen CLI (the version in
#                            Cargo.lock), wasm-split-cli (splits the release wasm by route),
#                            Node packages (a working wasm-opt from npm's binaryen)
#   scripts/setup.sh test    all of the above, plus Chromium and ChromeDriver, zbarimg (the
#                            QR code reader that checks My card), and Python's icalendar (reads
#                            the follow-ups calendar back)
#
# Source scripts/env.sh afterwards for the PATH these tools need.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

what=${1:-build}
TRUNK_VERSION=0.21.14
# The splitter of the release build (scripts/build.sh). Pinned: the splitter, wasm-bindgen and the
# Leptos/wasm_split_helpers versions in Cargo.lock are known to work together at these versions.
WASM_SPLIT_VERSION=0.2.4

say() { printf 'setup: %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -q "^trunk 0\.21\."; then
  say "installing trunk $TRUNK_VERSION (takes about 6 minutes)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# The CLI must match the wasm-bindgen crate exactly. Installed without --locked: the registry here
# lacks some of its locked dependency versions.
wb_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wb_version" ]; then
  say "installing wasm-bindgen-cli $wb_version"
  cargo install wasm-bindgen-cli --version "$wb_version" --force
fi

if ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  say "installing wasm-split-cli $WASM_SPLIT_VERSION (takes about 2 minutes)"
  cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --locked --force
fi

# Node packages: binaryen (wasm-opt for the release build; Debian's is too old), playwright-core and
# axe-core (end-to-end tests). Reinstalled only when package-lock.json changed.
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat node_modules/.installed-from 2>/dev/null)" != "$lock_sum" ]; then
  say "installing Node packages"
  npm ci --no-audit --no-fund
  echo "$lock_sum" > node_modules/.installed-from
fi

if [ "$what" = test ]; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd=sudo
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "installing Chromium and ChromeDriver"
    $sudo_cmd apt-get update
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y chromium chromium-driver
  fi
  if ! command -v zbarimg >/dev/null; then
    say "installing zbar-tools (zbarimg reads back the QR code of My card)"
    $sudo_cmd apt-get update
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y zbar-tools
  fi
  # Debian's package goes with Debian's Python, which is not always the first python3 on PATH.
  if ! /usr/bin/python3 -c 'import icalendar' 2>/dev/null; then
    say "installing python3-icalendar (reads back the reminders of the follow-ups calendar)"
    $sudo_cmd apt-get update
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y python3-icalendar
  fi
fi
