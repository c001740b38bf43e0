# The front door. `make test` and `make demo` work on a fresh Debian 12 machine.
SHELL := /bin/bash
PRESET ?= ci
BUILD_DIR := build/$(PRESET)
JOBS ?= $(shell nproc)
# The tiers that run in CI: unit tests, system tests with real daemons, and fuzz smoke runs.
CI_LABELS ?= unit|system|fuzz-smoke

.PHONY: all deps configure build test demo fuzz bench format format-check clean

all: build

deps:
	@./scripts/deps.sh

configure: deps
	@cmake --preset $(PRESET) >/dev/null

build: configure
	@cmake --build --preset $(PRESET) -j $(JOBS)

test: build
	@ctest --test-dir $(BUILD_DIR) -L '$(CI_LABELS)' --output-on-failure -j $(JOBS) \
	    --timeout 600 | tail -n 40; exit $${PIPESTATUS[0]}

demo: build
	@./scripts/demo.sh $(BUILD_DIR)

# Long fuzzing, outside `make test`: every target under clang's libFuzzer for FUZZ_SECONDS.
FUZZ_SECONDS ?= 60
fuzz: deps
	@cmake --preset fuzz >/dev/null
	@cmake --build --preset fuzz -j $(JOBS)
	@./scripts/fuzz.sh build/fuzz $(FUZZ_SECONDS)

bench: build
	@./bench/run_all.sh $(BUILD_DIR)

format:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

format-check:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format --dry-run -Werror

clean:
	@rm -rf build
