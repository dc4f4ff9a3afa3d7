# The two commands of the README, and the release build. The scripts install what is missing first.
.PHONY: serve test build

serve:
	@scripts/serve.sh

test:
	@scripts/test.sh

build:
	@scripts/build.sh

# Benchmarks (figures only; see docs/benchmark.md for the latest): the first visit, start-up,
# search, save, storage and QR decoding (tools/bench.mjs), the backup's key derivation
# (tools/kdf-bench.mjs), CSV import and Possible duplicates in the browser (tools/bench-csv.mjs),
# and finding duplicates among 10,000 contacts natively (domain/examples/bench_duplicates.rs).
.PHONY: bench
bench:
	@scripts/build.sh && . scripts/env.sh && node tools/bench.mjs && node tools/kdf-bench.mjs && \
	  node tools/bench-csv.mjs && cargo run --quiet --release -p weak-ties-domain --example bench_duplicates
