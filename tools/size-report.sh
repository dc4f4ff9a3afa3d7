#!/usr/bin/env bash
# What the app's first part is made of: builds it as scripts/build.sh does but with the function
# names kept (wasm-bindgen --keep-debug, wasm-opt -g), lists its functions and data with twiggy,
# groups them by crate (tools/size-report.mjs) and writes the table into docs/benchmark.md, between
# its size markers, so that the next change can be compared. Run after scripts/build.sh (it reuses
# its cargo output). Needs twiggy: `cargo install twiggy --version 0.8.0 --locked`.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
command -v twiggy >/dev/null || { echo "size-report: twiggy is missing: cargo install twiggy --version 0.8.0 --locked" >&2; exit 1; }

wasm=target/wasm32-unknown-unknown/release/weak-ties.wasm
[ -f "$wasm" ] || { echo "size-report: no $wasm: run scripts/build.sh first" >&2; exit 1; }
work=target/size-report
rm -rf "$work"
mkdir -p "$work"
wasm-split-cli --target web --out-name weak-ties "$wasm" "$work/split" >/dev/null
named() { # input output: wasm-bindgen with names, then wasm-opt -Oz keeping them
  wasm-bindgen --target web --keep-lld-exports --keep-debug --no-typescript --out-dir "$work/bg" "$1"
  cp "$work/bg/weak-ties_bg.wasm" "$2"
  node tools/wasm-opt-all.mjs -g "$2"
}
named "$work/split/weak-ties.wasm" "$work/first-part.wasm"
twiggy top -n 1000000 --format csv "$work/first-part.wasm" >"$work/first-part.csv"
node tools/size-report.mjs "$work/first-part.csv" "$work/first-part.wasm"
