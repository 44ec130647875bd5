# ddog.aws: the collection's development commands. Needs only python3 (with pyenv or
# python3.11 / python3.13 on PATH for the test matrix) and make.
#
#   make demo    the collection against the local Datadog API emulator
#   make test    linters, execution environment, docs, sanity on every ansible-core of the matrix, unit
#                and integration tests on the oldest and the newest

SHELL := /bin/bash
.DEFAULT_GOAL := help
.SUFFIXES:

PYTHON3 ?= python3
BUILD := $(CURDIR)/build
BIN := $(BUILD)/bin
COLLECTION := $(BUILD)/collections/ansible_collections/ddog/aws
TOOLCHAIN := $(PYTHON3) $(CURDIR)/hacking/toolchain.py

# ansible-core releases tested, and the controller Python each one runs on. Sanity runs on every release (its
# rules change with each); units and integration on the oldest and the newest, which bound what the collection
# meets, so that make test stays under 30 minutes on two cores (each unit step costs about two minutes).
CORES := 2.18 2.19 2.20 2.21
PYTHON_2.18 := 3.11
PYTHON_2.19 := 3.11
PYTHON_2.20 := 3.13
PYTHON_2.21 := 3.13
END_CORES := $(firstword $(CORES)) $(lastword $(CORES))
# Integration targets that test what the documentation shows rather than a core release run on the newest only.
NEWEST_ONLY_TARGETS := docs_snippets

# The linters and the execution-environment checks run on the newest core of the matrix.
LINT_CORE := $(lastword $(CORES))
TEST_STEPS := lint ee docs $(foreach core,$(CORES),sanity-$(core)) \
	$(foreach core,$(END_CORES),units-$(core) integration-$(core))

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
	@echo "make quick    sanity and units on the newest core and one integration target (QUICK_TARGET=...), a few minutes"
	@echo "make lint     ansible-lint, antsibull-changelog lint, antsibull-docs lint, the artifact's contents and"
	@echo "              its import by galaxy-importer"
	@echo "make ee       the example execution environment's definition, ansible-builder create/introspect, and"
	@echo "              ansible-runner on the example playbook with the AWX credential type's environment"
	@echo "make docs     the documentation site in build/docs/build/html (antsibull-docs and Sphinx, offline)"
	@echo "make bench    benchmarks against ansible.builtin.uri (BENCH_ARGS=\"--pairs 5 --items 20\"), then a rollout"
	@echo "              to 20 and 100 member accounts on moto and the emulator, single and in 4 slices at once"
	@echo "              (ROLLOUT_ARGS=\"--accounts 20 100 --slices 4\")"
	@echo "make clean    remove virtual environments and build output"

# One virtual environment per ansible-core release, on that release's controller Python.
.PRECIOUS: .venv/core-%/.ready
.venv/core-%/.ready:
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
	cd $(COLLECTION) && $(CURDIR)/.venv/core-$*/bin/ansible-test integration --venv --color no --python $(PYTHON_$*) \
	  $(or $(TARGETS),$(if $(filter $*,$(lastword $(CORES))),,$(addprefix --exclude ,$(NEWEST_ONLY_TARGETS))))

# Linters, galaxy-importer, ansible-builder, ansible-runner and the docs tools, on the newest core.
.venv/tools/.ready: .venv/core-$(LINT_CORE)/.ready tests/utils/tools-requirements.txt
	@set -e; py=$$($(TOOLCHAIN) find $(PYTHON_$(LINT_CORE))); \
	"$$py" -m venv --clear .venv/tools; \
	.venv/tools/bin/python -m pip install --quiet --upgrade pip; \
	.venv/tools/bin/python -m pip install --quiet "ansible-core==$(LINT_CORE).*" -r tests/utils/tools-requirements.txt
	@touch $@

# What the ecosystem checks: ansible-lint (production profile, offline, .ansible-lint), the changelog, the
# docs, a built artifact that holds the collection and nothing else, and that artifact's import by
# galaxy-importer as Galaxy and Automation Hub run it on upload (offline, no container engine:
# tests/utils/galaxy-importer.cfg).
.PHONY: lint
lint: .venv/tools/.ready prepare-$(LINT_CORE)
	cd $(COLLECTION) && ANSIBLE_COLLECTIONS_PATH=$(BUILD)/collections $(CURDIR)/.venv/tools/bin/ansible-lint
	cd $(COLLECTION) && $(CURDIR)/.venv/tools/bin/antsibull-changelog lint
	cd $(COLLECTION) && PATH=$(CURDIR)/.venv/tools/bin:$$PATH ANSIBLE_COLLECTIONS_PATH=$(BUILD)/collections \
	  $(CURDIR)/.venv/tools/bin/antsibull-docs lint-collection-docs --plugin-docs --check-extra-docs-refs .
	rm -rf $(BUILD)/artifact
	$(CURDIR)/.venv/tools/bin/ansible-galaxy collection build --output-path $(BUILD)/artifact $(CURDIR)
	$(CURDIR)/.venv/tools/bin/python tests/utils/check_artifact.py $(BUILD)/artifact/ddog-aws-*.tar.gz
	$(CURDIR)/.venv/tools/bin/python tests/utils/check_galaxy_import.py $(BUILD)/artifact/ddog-aws-*.tar.gz \
	  $(BUILD)/galaxy-importer

# Execution environments: the example definition checked against its base image and the tested cores,
# ansible-builder create and introspect, and the example playbook through ansible-runner with the environment
# the example AWX credential type injects.
.PHONY: ee
ee: .venv/tools/.ready prepare-$(LINT_CORE)
	tests/utils/check_execution_environment.sh $(CURDIR)/.venv/tools $(BUILD)/collections $(BUILD)/ee $(CORES)

# The documentation site in build/docs/build/html: antsibull-docs sphinx-init, then sphinx-build -W.
# Offline, intersphinx cannot fetch docs.ansible.com's inventories, so references into the Ansible docs stay
# unresolved (plain text, no link): other collections' plugins (amazon.aws.iam_role, ansible.builtin.uri) and
# ansible-core's reference pages. hacking/build_docs.sh turns intersphinx off and lets exactly those through;
# any other warning fails the build.
.PHONY: docs
docs: .venv/tools/.ready prepare-$(LINT_CORE)
	hacking/build_docs.sh $(CURDIR)/.venv/tools $(BUILD)/collections $(BUILD)/docs

.venv/bench/.ready: .venv/core-$(LINT_CORE)/.ready bench/requirements.txt
	@set -e; py=$$($(TOOLCHAIN) find $(PYTHON_$(LINT_CORE))); \
	"$$py" -m venv --clear .venv/bench; \
	.venv/bench/bin/python -m pip install --quiet --upgrade pip; \
	.venv/bench/bin/python -m pip install --quiet "ansible-core==$(LINT_CORE).*" -r bench/requirements.txt
	@touch $@

# Benchmarks against ansible.builtin.uri on the emulator (build/bench/results.json), then a rollout across an AWS
# Organization on moto and the emulator (build/bench/rollout.json).
.PHONY: bench
bench: .venv/bench/.ready
	.venv/bench/bin/python bench/bench.py $(BENCH_ARGS)
	.venv/bench/bin/python bench/rollout.py $(ROLLOUT_ARGS)

# Runs every step even when one fails, then prints each step's time and says which failed.
.PHONY: test
test:
	@passed=0; failed=0; failures=""; times=""; started=$$(date +%s); \
	for step in $(TEST_STEPS); do \
	  echo "=== make $$step"; \
	  begin=$$(date +%s); \
	  if $(MAKE) --no-print-directory $$step; then passed=$$((passed + 1)); outcome=passed; \
	  else failed=$$((failed + 1)); failures="$$failures $$step"; outcome=FAILED; fi; \
	  times="$$times$$(printf '%-18s %4d s  %s' "$$step" $$(($$(date +%s) - begin)) "$$outcome")\n"; \
	done; \
	echo; \
	printf "Time per step:\n$$times"; \
	printf '%-18s %4d s\n' total $$(($$(date +%s) - started)); \
	if [ -n "$$failures" ]; then echo "Failed:$$failures"; fi; \
	echo "steps: $$passed passed, $$failed failed"; \
	[ $$failed -eq 0 ]

# What a contributor runs while working, in a few minutes: sanity and units on the newest core, and one integration
# target (QUICK_TARGET=... picks another).
QUICK_TARGET ?= datadog_aws_account
.PHONY: quick
quick:
	@$(MAKE) --no-print-directory sanity-$(LINT_CORE) units-$(LINT_CORE)
	@$(MAKE) --no-print-directory integration-$(LINT_CORE) TARGETS=$(QUICK_TARGET)

.PHONY: clean
clean:
	rm -rf .venv build tests/output
