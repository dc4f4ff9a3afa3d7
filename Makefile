# The two commands of the README, and the release build. The scripts install what is missing first.
.PHONY: serve test build

serve:
	@scripts/serve.sh

test:
	@scripts/test.sh

build:
	@scripts/build.sh

# Benchmarks (figures only; see docs/benchmark.md for the latest).
.PHONY: bench
bench:
	@scripts/build.sh && . scripts/env.sh && node tools/bench.mjs
