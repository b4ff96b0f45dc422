# Front door. `make test` and `make run` install what is missing (once: the sentinels
# below), configure, build and run. Set BUILD_DIR, RUN_BUILD_DIR, BUILD_TYPE or JOBS to
# override. build/release is also the binary folder of the `release` CMake preset; the
# other presets use build/<preset> (CMakePresets.json).
BUILD_DIR ?= build/release
# `make run` builds the CLI alone, in its own folder: no tests, benchmarks nor examples,
# so neither GoogleTest nor Google Benchmark is needed.
RUN_BUILD_DIR ?= build/run
BUILD_TYPE ?= Release
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=

DEPS_SENTINEL := .deps-installed
RUN_DEPS_SENTINEL := .deps-run-installed

.PHONY: all deps configure build test run bench bench-cli accuracy audit clean check check-asan check-tidy \
        check-format fuzz format

all: build

$(DEPS_SENTINEL): scripts/install-deps.sh
	bash scripts/install-deps.sh
	@touch $@

deps: $(DEPS_SENTINEL)

# What `make run` needs: the compiler, CMake, Boost and the CLI's libraries.
$(RUN_DEPS_SENTINEL): scripts/install-deps.sh
	bash scripts/install-deps.sh run
	@touch $@

# The clang tools of `make check` and `make fuzz` (clang, clang-tidy, clang-format, libFuzzer).
CHECK_DEPS_SENTINEL := .deps-check-installed
$(CHECK_DEPS_SENTINEL): $(DEPS_SENTINEL) scripts/install-deps.sh
	bash scripts/install-deps.sh check
	@touch $@

$(BUILD_DIR)/CMakeCache.txt: $(DEPS_SENTINEL) CMakeLists.txt
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DERLANG_WERROR=ON $(CMAKE_FLAGS)

configure: $(BUILD_DIR)/CMakeCache.txt

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

test: build
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)

# The main job: the staffing plan of a sample day's forecast (30-minute intervals).
# It configures and builds the CLI alone, not the tests and benchmarks.
$(RUN_BUILD_DIR)/CMakeCache.txt: $(RUN_DEPS_SENTINEL) CMakeLists.txt
	cmake -S . -B $(RUN_BUILD_DIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DERLANG_WERROR=ON \
	  -DERLANG_BUILD_TESTS=OFF -DERLANG_BUILD_BENCH=OFF -DERLANG_BUILD_EXAMPLES=OFF \
	  -DERLANG_BUILD_CLI=ON $(CMAKE_FLAGS)

run: $(RUN_BUILD_DIR)/CMakeCache.txt
	cmake --build $(RUN_BUILD_DIR) -j $(JOBS) --target erlangc
	$(RUN_BUILD_DIR)/src/erlangc plan examples/forecast.csv --service-level 80/20s --aht 3m --shrinkage 30%

# Accuracy report: the worst relative errors against 50-digit references.
accuracy: build
	ctest --test-dir $(BUILD_DIR) --output-on-failure -V -R 'InHighPrecision|RandomPoints|ApproachesErlangA|SlightlyOverloaded|FluidLimit' | grep -E 'worst|Passed|Failed'

# The domain-wide accuracy audits alone: worst errors per function and region, and budgets
# (Erlang B and C; Erlang A and the solvers).
audit: build
	$(BUILD_DIR)/tests/accuracy_audit_test
	$(BUILD_DIR)/tests/models_audit_test

bench: build
	$(BUILD_DIR)/bench/erlang_bench --benchmark_min_time=0.2
	$(BUILD_DIR)/bench/staffing_bench --benchmark_min_time=0.2
	$(BUILD_DIR)/bench/models_bench --benchmark_min_time=0.2

# erlangc plan over 1 000 000 realistic intervals: the Google Benchmark program, then the
# whole command on a generated file (with hyperfine when installed).
bench-cli: build
	$(BUILD_DIR)/bench/cli_bench
	$(BUILD_DIR)/bench/make_forecast 1000000 > $(BUILD_DIR)/forecast-1m.csv
	if command -v hyperfine >/dev/null; then \
	  hyperfine --warmup 1 --runs 5 '$(BUILD_DIR)/src/erlangc plan $(BUILD_DIR)/forecast-1m.csv --service-level 80/20s --shrinkage 30% --format csv > /dev/null'; \
	else \
	  time $(BUILD_DIR)/src/erlangc plan $(BUILD_DIR)/forecast-1m.csv --service-level 80/20s --shrinkage 30% --format csv > /dev/null; \
	fi

# Reliability gates (docs/reliability.md), one summary line per stage, logs in build/logs:
# the test suite under AddressSanitizer + UBSan, clang-tidy, the clang-format check, and
# every fuzzer for CHECK_FUZZ_SECONDS seconds (0 skips that stage).
CHECK_FUZZ_SECONDS ?= 60
# The gate fuzzes with a fixed seed (a reproducible run); `make fuzz` with a new one each time.
CHECK_FUZZ_SEED ?= 1
# `make fuzz`: every fuzzer for FUZZ_SECONDS seconds, two at a time.
FUZZ_SECONDS ?= 600
CLANG_FORMAT ?= clang-format

check: $(CHECK_DEPS_SENTINEL)
	@JOBS=$(JOBS) CLANG_FORMAT=$(CLANG_FORMAT) ERLANG_FUZZ_SECONDS=$(CHECK_FUZZ_SECONDS) \
	  ERLANG_FUZZ_SEED=$(CHECK_FUZZ_SEED) \
	  bash scripts/check.sh asan-ubsan tidy format $(if $(filter 0,$(CHECK_FUZZ_SECONDS)),,fuzz)

check-asan: $(CHECK_DEPS_SENTINEL)
	@JOBS=$(JOBS) bash scripts/check.sh asan-ubsan

check-tidy: $(CHECK_DEPS_SENTINEL)
	@JOBS=$(JOBS) bash scripts/check.sh tidy

check-format: $(CHECK_DEPS_SENTINEL)
	@CLANG_FORMAT=$(CLANG_FORMAT) bash scripts/check.sh format

fuzz: $(CHECK_DEPS_SENTINEL)
	@JOBS=$(JOBS) ERLANG_FUZZ_SECONDS=$(FUZZ_SECONDS) bash scripts/check.sh fuzz

# Formats every tracked C++ file in place.
format:
	git ls-files '*.cpp' '*.hpp' '*.h' '*.cc' | xargs $(CLANG_FORMAT) -i

clean:
	rm -rf $(BUILD_DIR)
