# bulletin: the two set-up commands are `make demo` and `make test`.
SWIFT ?= swift
BIN_RELEASE = .build/release/bulletin
INDEX ?= Index

.PHONY: deps build release test demo eval clean

deps:
	@bash tools/install-deps.sh

build: deps
	$(SWIFT) build

## Static Swift runtime: a search is one short process, and dynamic linking was a quarter of it.
release: deps
	$(SWIFT) build -c release --static-swift-stdlib

## Builds release, indexes the shipped corpus into ./Index and runs three example searches.
## An index there of another schema version (from an older build) cannot be updated: it is
## moved aside into Index.schema-old-TIME (nothing is deleted) and the demo index written anew.
demo: release
	@if ! $(BIN_RELEASE) check --index $(INDEX) >/dev/null 2>.build/demo-check.txt && grep -q "schema version" .build/demo-check.txt; then \
		old="$(INDEX).schema-old-$$(date +%Y%m%d-%H%M%S)"; mkdir -p "$$old"; \
		find $(INDEX) -mindepth 1 -maxdepth 1 ! -name README.md ! -name .gitignore -exec mv {} "$$old"/ \; ; \
		echo "demo: $(INDEX) held an index of another schema version ($$(cat .build/demo-check.txt)); moved to $$old"; \
	fi
	$(BIN_RELEASE) index Corpora --index $(INDEX)
	@echo; echo '$$ bulletin search "Су-30МКИ"'
	@$(BIN_RELEASE) search "Су-30МКИ" --index $(INDEX) --limit 3
	@echo; echo '$$ bulletin search "военно-техническое сотрудничество Кубой" --limit 3'
	@$(BIN_RELEASE) search "военно-техническое сотрудничество Кубой" --index $(INDEX) --limit 3
	@echo; echo '$$ bulletin search "контракт OR поставка" --sort -date --limit 2 --json'
	@$(BIN_RELEASE) search "контракт OR поставка" --sort -date --index $(INDEX) --limit 2 --json

## Extraction precision/recall/F1 and retrieval nDCG@10/recall@10 on the labelled eval set
## (generated text), then retrieval on the real-text set (eval/real: ../shared/realnews/docs
## read from outside the repository, plus the project's own agency-style bulletins).
eval: release
	$(BIN_RELEASE) eval --corpus eval/corpus --queries eval/queries.jsonl --real-queries eval/real/queries.jsonl

## The real-text set again among the 16 062-post feed ../shared/realnews/telegram-posts.jsonl
## (unjudged distractors, counted as not relevant). About 2 minutes.
.PHONY: eval-haystack
eval-haystack: release
	$(BIN_RELEASE) eval --real-only --real-queries eval/real/queries.jsonl --distractors ../shared/realnews/telegram-posts.jsonl

## Runs every test (unit, index, CLI), the short torture run and the hostile cases (as root,
## which CI is, a hostile case that could not run fails the build too).
## A crash in a test prints every thread's whole stack, unwound from DWARF (through libc and
## libxapian, which keep no frame pointers), so that a rare one can be read from CI's log.
test: deps
	$(SWIFT) build --build-tests
	SWIFT_BACKTRACE=enable=yes,preset=full,unwind=precise,limit=200,top=60,images=none $(SWIFT) test --skip-build --disable-swift-testing
	BIN="$$($(SWIFT) build --show-bin-path)/bulletin" bash tools/torture.sh --quick
	BIN="$$($(SWIFT) build --show-bin-path)/bulletin" bash tools/hostile.sh $$([ "$$(id -u)" = 0 ] && echo --strict)
	python3 tools/browser-test.py --bin "$$($(SWIFT) build --show-bin-path)/bulletin"

clean:
	rm -rf .build
	find $(INDEX) -mindepth 1 ! -name README.md ! -name .gitignore -delete

## `make bench N=20000` (any N): writes N bulletins with tools/bench/make-corpus.py, indexes
## them with `bulletin index` and with the raw C++ Xapian loop (tools/bench/rawxapian.cc), runs
## the analyst queries of tools/bench/queries.tsv through both, in-process and as processes,
## and prints one table with the ratio bulletin/raw per row. Everything goes to .bench/.
## BENCH_ARGS="--reps 10 --process-runs 5" passes options to tools/bench/bench.py.
## See docs/benchmarks.md. Never part of `make test`.
N ?= 20000
.PHONY: bench bench-micro
bench: release
	@mkdir -p .bench
	g++ -O2 -std=c++17 tools/bench/rawxapian.cc $$(pkg-config --cflags --libs xapian-core) -o .bench/rawxapian
	cd Benchmarks && $(SWIFT) build -c release --product QueryBench
	python3 tools/bench/bench.py --count $(N) --bulletin $(BIN_RELEASE) --raw .bench/rawxapian \
		--querybench Benchmarks/.build/release/QueryBench $(BENCH_ARGS)

## In-process micro-benchmarks (ordo-one/benchmark, package in Benchmarks/): indexing and
## extraction throughput, query latency. BENCH_ARGS="--filter 'Query.*'" picks benchmarks.
bench-micro:
	@$(MAKE) --no-print-directory deps
	python3 tools/bench/make-corpus.py --count $(N)
	cd Benchmarks && BULLETIN_BENCH_DOCS=$(N) $(SWIFT) package --allow-writing-to-package-directory \
		--allow-writing-to-directory ../.bench benchmark --target BulletinBenchmarks --no-progress $(BENCH_ARGS)

## Crash safety: kills real `bulletin index` runs with SIGKILL at random points (200 times,
## 2000+ files), checks the index after each, then asserts the exact document count and that
## every file is found by its id and its unique word. `make test` runs a short version.
.PHONY: torture fuzz hostile browser-test
torture: build
	BIN="$$($(SWIFT) build --show-bin-path)/bulletin" bash tools/torture.sh

## 1000 hostile queries, huge ones included, through the binary against $(INDEX) (indexing
## Corpora first if needed): each must exit 0 or 2 without hanging.
fuzz: build
	@test -f $(INDEX)/iamglass || "$$($(SWIFT) build --show-bin-path)/bulletin" index Corpora --index $(INDEX) --quiet
	python3 tools/fuzz-queries.py --run "$$($(SWIFT) build --show-bin-path)/bulletin" --index $(INDEX)

## Issue 10's hostile cases (check beside a writer, damaged tables, two roots, links to /, empty
## prune, feed/file ids, SIGKILL/SIGHUP, 32-bit overflows, closed/full std streams, readers
## beside a writer, read-only and full disks on a tmpfs, another user's index, refusals, query
## repairs, the minor ones) against the debug binary; prints how many held and which could not
## run (no mount permission, not root). About 15 s. Part of `make test`.
hostile: build
	BIN="$$($(SWIFT) build --show-bin-path)/bulletin" bash tools/hostile.sh

## The search page of `bulletin serve` in headless Chromium (screenshots in .build/browser-test/).
browser-test: build
	python3 tools/browser-test.py --bin "$$($(SWIFT) build --show-bin-path)/bulletin"
