# ddog.aws: the collection's development commands. Needs only python3 (with pyenv or
# python3.11 / python3.13 on PATH for the test matrix) and make.
#
#   make demo    the collection against the local Datadog API emulator
#   make test    sanity, unit and integration tests on every ansible-core of the matrix

SHELL := /bin/bash
.DEFAULT_GOAL := help
.SUFFIXES:

PYTHON3 ?= python3
BUILD := $(CURDIR)/build
BIN := $(BUILD)/bin
COLLECTION := $(BUILD)/collections/ansible_collections/ddog/aws
TOOLCHAIN := $(PYTHON3) $(CURDIR)/tests/utils/toolchain.py

# ansible-core releases tested, and the controller Python each one runs on.
CORES := 2.18 2.21
PYTHON_2.18 := 3.11
PYTHON_2.21 := 3.13

# ansible-lint runs on the newest core of the matrix.
LINT_CORE := $(lastword $(CORES))
TEST_STEPS := lint $(foreach core,$(CORES),sanity-$(core) units-$(core) integration-$(core))

export PATH := $(BIN):$(PATH)
export ANSIBLE_FORCE_COLOR := false
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: demo
demo:
	@PYTHON3=$(PYTHON3) hacking/demo.sh

.PHONY: help
help:
	@echo "make demo     run the example playbook and an ad-hoc call against the local Datadog API emulator"
	@echo "make test     $(TEST_STEPS)"
	@echo "make <step>   one step of make test, for example make units-2.21 (TARGETS=... narrows ansible-test)"
	@echo "make bench    benchmarks against ansible.builtin.uri (BENCH_ARGS=\"--pairs 5 --items 20\")"
	@echo "make clean    remove virtual environments and build output"

# One virtual environment per ansible-core release, on that release's controller Python.
.PRECIOUS: .venv/core-%/.ready
.venv/core-%/.ready: tests/utils/toolchain.py
	@set -e; py=$$($(TOOLCHAIN) find $(PYTHON_$*)); \
	echo "Creating .venv/core-$* with $$py"; \
	"$$py" -m venv --clear .venv/core-$*; \
	.venv/core-$*/bin/python -m pip install --quiet --upgrade pip; \
	.venv/core-$*/bin/python -m pip install --quiet "ansible-core==$*.*"
	@touch $@

# ansible-test runs from a copy at .../ansible_collections/ddog/aws, beside amazon.aws (which the role
# uses), with real pythonX.Y on PATH and an offline pip bootstrap.
.PHONY: prepare-%
prepare-%: .venv/core-%/.ready
	@$(TOOLCHAIN) link $(BIN)
	@$(TOOLCHAIN) get-pip .venv/core-$*
	@$(TOOLCHAIN) sync $(COLLECTION)
	@$(TOOLCHAIN) amazon-aws .venv/core-$* $(BUILD)/collections/ansible_collections

.PHONY: sanity-%
sanity-%: prepare-%
	cd $(COLLECTION) && $(CURDIR)/.venv/core-$*/bin/ansible-test sanity --venv --color no $(TARGETS)

.PHONY: units-%
units-%: prepare-%
	cd $(COLLECTION) && $(CURDIR)/.venv/core-$*/bin/ansible-test units --venv --color no --python $(PYTHON_$*) $(TARGETS)

.PHONY: integration-%
integration-%: prepare-%
	cd $(COLLECTION) && $(CURDIR)/.venv/core-$*/bin/ansible-test integration --venv --color no --python $(PYTHON_$*) $(TARGETS)

.venv/lint/.ready: .venv/core-$(LINT_CORE)/.ready
	@set -e; py=$$($(TOOLCHAIN) find $(PYTHON_$(LINT_CORE))); \
	"$$py" -m venv --clear .venv/lint; \
	.venv/lint/bin/python -m pip install --quiet --upgrade pip; \
	.venv/lint/bin/python -m pip install --quiet ansible-lint "ansible-core==$(LINT_CORE).*"
	@touch $@

# ansible-lint's production profile over the role, the examples and the integration tests, offline, with
# amazon.aws beside the collection.
.PHONY: lint
lint: .venv/lint/.ready prepare-$(LINT_CORE)
	cd $(COLLECTION) && ANSIBLE_COLLECTIONS_PATH=$(BUILD)/collections $(CURDIR)/.venv/lint/bin/ansible-lint \
	  --offline --profile production roles examples tests/integration

.venv/bench/.ready: .venv/core-$(LINT_CORE)/.ready
	@set -e; py=$$($(TOOLCHAIN) find $(PYTHON_$(LINT_CORE))); \
	"$$py" -m venv --clear .venv/bench; \
	.venv/bench/bin/python -m pip install --quiet --upgrade pip; \
	.venv/bench/bin/python -m pip install --quiet "ansible-core==$(LINT_CORE).*" requests trustme
	@touch $@

# Benchmarks against ansible.builtin.uri on the emulator: prints a table, writes build/bench/results.json.
.PHONY: bench
bench: .venv/bench/.ready
	.venv/bench/bin/python bench/bench.py $(BENCH_ARGS)

# Runs every step even when one fails, then says which failed.
.PHONY: test
test:
	@passed=0; failed=0; failures=""; \
	for step in $(TEST_STEPS); do \
	  echo "=== make $$step"; \
	  if $(MAKE) --no-print-directory $$step; then passed=$$((passed + 1)); \
	  else failed=$$((failed + 1)); failures="$$failures $$step"; fi; \
	done; \
	echo; \
	if [ -n "$$failures" ]; then echo "Failed:$$failures"; fi; \
	echo "steps: $$passed passed, $$failed failed"; \
	[ $$failed -eq 0 ]

.PHONY: clean
clean:
	rm -rf .venv build tests/output
