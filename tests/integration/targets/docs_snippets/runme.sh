#!/usr/bin/env bash
# Every snippet of the README, the role's README and the guides, run as a reader would run it, against the Datadog
# API emulator and moto (snippets.py says how each one runs, and what it stands in for).
set -eux

# shellcheck source-path=SCRIPTDIR source=../setup_datadog_emulator/emulator.sh
source ../setup_datadog_emulator/emulator.sh
# shellcheck source-path=SCRIPTDIR source=../setup_moto/moto.sh
source ../setup_moto/moto.sh
trap 'stop_moto; stop_datadog_emulator' EXIT
# shellcheck disable=SC2119 # no option: the emulator starts with no integration at all
start_datadog_emulator
start_moto
emulator_environment

work="$(mktemp -d "${OUTPUT_DIR:-/tmp}/docs-snippets.XXXXXX")"
"$MOTO_PYTHON" snippets.py "$work"
