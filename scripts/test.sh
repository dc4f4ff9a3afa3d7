#!/usr/bin/env bash
# Installs what is missing, then runs every test: lint, native domain tests, wasm tests in headless
# Chromium, the release build, and the end-to-end suite against it. Ends with one line,
# "N passed, N failed", and exits non-zero if anything failed.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test || { echo "0 passed, 1 failed (setup)"; exit 1; }
source scripts/env.sh

logs=target/test-logs
mkdir -p "$logs"
passed=0
failed=0
failures=()

# Adds the "test result: ... N passed; M failed" lines of a cargo test log to the totals. A step that
# failed without any such line (it did not compile, say) counts as one failure.
count_cargo() {
  local name=$1 log=$2 status=$3
  local p f
  p=$(grep -o '[0-9]* passed' "$log" | awk '{s += $1} END {print s + 0}')
  f=$(grep -o '[0-9]* failed' "$log" | awk '{s += $1} END {print s + 0}')
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  passed=$((passed + p))
  failed=$((failed + f))
  [ "$f" -eq 0 ] || failures+=("$name (see $log)")
}

# A check that is pass or fail as a whole.
check() {
  local name=$1; shift
  echo "== $name"
  if "$@" >"$logs/$name.log" 2>&1; then
    passed=$((passed + 1))
  else
    cat "$logs/$name.log"
    failed=$((failed + 1))
    failures+=("$name (see $logs/$name.log)")
  fi
}

check rustfmt cargo fmt --all -- --check
check clippy-native cargo clippy -p weak-ties-domain --all-targets -- -D warnings
check clippy-wasm cargo clippy -p weak-ties -p weak-ties-formats --target wasm32-unknown-unknown --all-targets -- -D warnings

echo "== native tests (cargo test -p weak-ties-domain)"
cargo test -p weak-ties-domain 2>&1 | tee "$logs/native.log"
count_cargo native "$logs/native.log" "${PIPESTATUS[0]}"

echo "== wasm tests in headless Chromium (wasm-bindgen-test)"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test -p weak-ties --target wasm32-unknown-unknown 2>&1 | tee "$logs/wasm.log"
count_cargo wasm "$logs/wasm.log" "${PIPESTATUS[0]}"

echo "== release builds (scripts/build.sh, split by route, at / and under /sub/)"
if scripts/build.sh >"$logs/build.log" 2>&1 &&
  scripts/build.sh --public-url /sub/ --dist target/dist-sub >>"$logs/build.log" 2>&1; then
  passed=$((passed + 1))
  echo "== end-to-end tests (tests/e2e, headless Chromium)"
  node --test --test-concurrency=1 \
    --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$logs/e2e.tap" \
    tests/e2e/*.test.mjs
  e2e_status=$?
  p=$(awk '/^# pass /{print $3}' "$logs/e2e.tap")
  f=$(awk '/^# fail /{print $3}' "$logs/e2e.tap")
  p=${p:-0}; f=${f:-0}
  if [ "$e2e_status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  passed=$((passed + p))
  failed=$((failed + f))
  [ "$f" -eq 0 ] || failures+=("e2e (see $logs/e2e.tap)")
else
  tail -40 "$logs/build.log"
  failed=$((failed + 1))
  failures+=("release build (see $logs/build.log)")
fi

for f in "${failures[@]}"; do echo "failed: $f"; done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
