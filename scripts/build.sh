#!/usr/bin/env bash
# Installs what is missing, then builds the release site into dist/ (static files for any host).
#
#   scripts/build.sh [--public-url /weak-ties/] [--dist DIR]
#
# --public-url: the path the site is served under, with slashes on both sides (default /).
# --dist: where the site goes (default dist/).
#
# The app is split by route (src/routes.rs): Home and the shell are the first part, every other
# page a part of its own that the router loads on first use. Trunk 0.21 cannot run the splitter
# between cargo and wasm-bindgen, so this script runs the steps itself (`make serve` stays on
# Trunk, with the routes compiled in):
#   1. cargo: the app with the `split` feature, linked with --emit-relocs (the splitter needs the
#      relocations), and the file formats module;
#   2. wasm-split-cli: the app's wasm into the main part, split_*.wasm (one per lazy route),
#      chunk_*.wasm (code shared by several routes) and __wasm_split.js, their loader;
#   3. wasm-bindgen --keep-lld-exports on the main part (the parts link against its exports), and
#      on the formats module;
#   4. wasm-opt -Oz on every wasm (binaryen, in one process: tools/wasm-opt-all.mjs);
#   5. tools/assemble.mjs: index.html (Trunk's markers replaced), the stylesheet and the assets;
#   6. tools/post-build.mjs, the hook Trunk runs too: the CSP hashes and the service worker's
#      precache list (every part included).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh build
source scripts/env.sh

public_url=/
dist=dist
while [ $# -gt 0 ]; do
  case $1 in
    --public-url) public_url=$2; shift 2 ;;
    --public-url=*) public_url=${1#*=}; shift ;;
    --dist) dist=$2; shift 2 ;;
    --dist=*) dist=${1#*=}; shift ;;
    *) echo "build: unknown argument $1 (use --public-url PATH, --dist DIR)" >&2; exit 2 ;;
  esac
done
case $public_url in /*/ | /) ;; *) echo "build: --public-url needs slashes on both sides, e.g. /weak-ties/" >&2; exit 2 ;; esac

say() { printf 'build: %s\n' "$*"; }
wasm_target=target/wasm32-unknown-unknown/release
work=target/site
rm -rf "$work"
mkdir -p "$work"

# 1. cargo. `cargo rustc` gives --emit-relocs to the final link of the app only: the dependencies
# keep the flags of .cargo/config.toml (its cfgs), so they are shared with `trunk build --release`
# and the formats module instead of being compiled a second time.
say "compiling the app (release, split by route)"
cargo rustc --release --target wasm32-unknown-unknown -p weak-ties --bin weak-ties --features split \
  -- -Clink-arg=--emit-relocs
say "compiling the file formats module"
cargo build --release --target wasm32-unknown-unknown -p weak-ties-formats --bin formats

# 2. The split.
wasm-split-cli --target web --out-name weak-ties "$wasm_target/weak-ties.wasm" "$work/split" >"$work/split.log"

# 3. wasm-bindgen. The app's files go in a folder named after their content, so that a host's HTTP
# cache never mixes two builds: the loader fetches the parts relative to itself.
app="app-$(cat "$work"/split/*.wasm | sha256sum | cut -c1-16)"
wasm-bindgen --target web --keep-lld-exports --no-typescript --out-dir "$work/$app" "$work/split/weak-ties.wasm"
cp "$work"/split/__wasm_split.js "$work/$app/"
find "$work/split" -maxdepth 1 \( -name 'split_*.wasm' -o -name 'chunk_*.wasm' \) -exec cp {} "$work/$app/" \;
wasm-bindgen --target web --no-typescript --out-dir "$work/formats" --out-name formats "$wasm_target/formats.wasm"

# 4. wasm-opt -Oz on every wasm, in one process (tools/wasm-opt-all.mjs, npm's binaryen).
say "optimizing $(find "$work/$app" "$work/formats" -name '*.wasm' | wc -l) wasm files"
node tools/wasm-opt-all.mjs "$work/$app"/*.wasm "$work/formats"/*.wasm

# 5. and 6. The site, assembled in a staging folder that replaces $dist at the end.
staging="$work/dist"
node tools/assemble.mjs --app "$work/$app" --formats "$work/formats" --public-url "$public_url" --out "$staging"
TRUNK_STAGING_DIR="$staging" node tools/post-build.mjs
rm -rf "$dist"
mkdir -p "$(dirname "$dist")"
mv "$staging" "$dist"
say "site in $dist/ ($(find "$dist/$app" -name '*.wasm' | wc -l) wasm parts in $app/)"
