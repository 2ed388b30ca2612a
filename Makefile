# bulletin: the two set-up commands are `make demo` and `make test`.
SWIFT ?= swift
BIN_RELEASE = .build/release/bulletin
INDEX ?= Index

.PHONY: deps build release test demo eval clean

deps:
	@bash tools/install-deps.sh

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

## Builds release, indexes the shipped corpus into ./Index and runs three example searches.
demo: release
	$(BIN_RELEASE) index Corpora --index $(INDEX)
	@echo; echo '$$ bulletin search "Су-30МКИ"'
	@$(BIN_RELEASE) search "Су-30МКИ" --index $(INDEX) --limit 3
	@echo; echo '$$ bulletin search "военно-техническое сотрудничество Кубой" --limit 3'
	@$(BIN_RELEASE) search "военно-техническое сотрудничество Кубой" --index $(INDEX) --limit 3
	@echo; echo '$$ bulletin search "контракт OR поставка" --sort -date --limit 2 --json'
	@$(BIN_RELEASE) search "контракт OR поставка" --sort -date --index $(INDEX) --limit 2 --json

## Extraction precision/recall/F1 and retrieval nDCG@10/recall@10 on the labelled eval set.
eval: release
	$(BIN_RELEASE) eval --corpus eval/corpus --queries eval/queries.jsonl

## Runs every test (unit, index, CLI).
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

clean:
	rm -rf .build
	find $(INDEX) -mindepth 1 ! -name README.md ! -name .gitignore -delete
