# parley — the commands a user types. The real build is CMake; this file wires the steps
# together and installs dependencies first through scripts/install-deps.sh (idempotent).
#
#   make demo      build and analyse examples/ukraine-framework.yaml
#   make test      every test: a release build, then again under ASan + UBSan
#   make fuzz      run each libFuzzer target for FUZZ_SECONDS (default 60); FUZZ_MERGE=1 keeps
#                  the new inputs it finds in tests/fuzz/corpus
#   make bench     run the benchmarks (figures go to docs/performance.md by hand)
#   make screenshot  regenerate docs/report.png, the README's picture of the bundled report
#   make install   install the command, libraries, headers, pkg-config file, manual page and
#                  documentation (PREFIX)

BUILD     ?= build
ASAN      ?= build-asan
FUZZBUILD ?= build-fuzz
PREFIX    ?= /usr/local
JOBS      ?= $(shell nproc 2>/dev/null || echo 2)
FUZZ_SECONDS ?= 60
FUZZ_MERGE   ?= 0

MAKEFLAGS += --no-print-directory

.PHONY: all deps build demo test test-release test-asan fuzz bench screenshot install clean

all: build

deps:
	@bash scripts/install-deps.sh

$(BUILD)/CMakeCache.txt:
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=$(PREFIX) >/dev/null

build: deps $(BUILD)/CMakeCache.txt
	@cmake --build $(BUILD) -j $(JOBS) >$(BUILD)/build.log 2>&1 || { cat $(BUILD)/build.log; exit 1; }
	@echo "built: $(BUILD)/parley (log in $(BUILD)/build.log)"

demo: build
	./$(BUILD)/parley analyze examples/ukraine-framework.yaml
	./$(BUILD)/parley report examples/ukraine-framework.yaml -o $(BUILD)/report.html
	@echo "the report with its charts: $(BUILD)/report.html (open it in a browser)"

screenshot: build
	bash scripts/screenshot.sh $(BUILD)/parley docs/report.png

test: test-release test-asan

test-release: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

$(ASAN)/CMakeCache.txt:
	cmake -S . -B $(ASAN) -DCMAKE_BUILD_TYPE=Debug -DPARLEY_SANITIZE=ON >/dev/null

test-asan: deps $(ASAN)/CMakeCache.txt
	cmake --build $(ASAN) -j $(JOBS)
	cd $(ASAN) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --output-on-failure -j $(JOBS)

$(FUZZBUILD)/CMakeCache.txt:
	CC=clang cmake -S . -B $(FUZZBUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPARLEY_FUZZ=ON \
	  -DBUILD_TESTING=OFF >/dev/null

fuzz: deps $(FUZZBUILD)/CMakeCache.txt
	cmake --build $(FUZZBUILD) -j $(JOBS) --target fuzz_scenario fuzz_genius fuzz_deu fuzz_ktab
	FUZZ_MERGE=$(FUZZ_MERGE) bash tests/fuzz/run.sh $(FUZZBUILD) $(FUZZ_SECONDS)

bench: build
	./$(BUILD)/bench_analyze
	./$(BUILD)/bench_forecast
	./$(BUILD)/bench_negotiate

install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

clean:
	rm -rf $(BUILD) $(ASAN) $(FUZZBUILD)
