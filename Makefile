# The two commands of the README, and the release build. The scripts install what is missing first.
.PHONY: serve test build

serve:
	@scripts/serve.sh

test:
	@scripts/test.sh

build:
	@scripts/build.sh
