# shellcheck shell=bash
# Sourced by the runme.sh of targets that need the Datadog API emulator (alias needs/target/setup_datadog_emulator).
#
#   start_datadog_emulator [emulator options]   start it; export EMULATOR_URL, EMULATOR_CA, EMULATOR_API_KEY,
#                                              EMULATOR_APP_KEY and EMULATOR_VARS, a vars file for -e @... with
#                                              emulator_url, emulator_ca, emulator_api_key, emulator_app_key and
#                                              emulator_tasks (this target's tasks/: run_test.yml, journal.yml)
#   stop_datadog_emulator                      stop it: runme.sh sets `trap stop_datadog_emulator EXIT` first
#   emulator_journal                           print the journal of API requests as JSON
#   emulator_control NAME [JSON]               POST JSON (default {}) to the control endpoint /_emulator/NAME

EMULATOR_SETUP_TARGET="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
EMULATOR_SCRIPT="$(cd "${EMULATOR_SETUP_TARGET}/../../../emulator" && pwd)/datadog_emulator.py"
EMULATOR_PYTHON="${ANSIBLE_TEST_PYTHON_INTERPRETER:-python3}"
EMULATOR_DIR="$(mktemp -d "${OUTPUT_DIR:-${TMPDIR:-/tmp}}/datadog-emulator.XXXXXX")"

stop_datadog_emulator() {
    "$EMULATOR_PYTHON" "$EMULATOR_SCRIPT" stop --state-dir "$EMULATOR_DIR" > /dev/null || true
    rm -rf "$EMULATOR_DIR"
}

emulator_setting() {
    "$EMULATOR_PYTHON" "$EMULATOR_SCRIPT" setting "$1" --state-dir "$EMULATOR_DIR"
}

start_datadog_emulator() {
    "$EMULATOR_PYTHON" "$EMULATOR_SCRIPT" start --state-dir "$EMULATOR_DIR" "$@" > /dev/null
    EMULATOR_VARS="$EMULATOR_DIR/vars.json"
    "$EMULATOR_PYTHON" - "$EMULATOR_DIR/emulator.json" "$EMULATOR_VARS" "$EMULATOR_SETUP_TARGET/tasks" <<'PYTHON'
import json, sys
settings = json.load(open(sys.argv[1]))
settings['emulator_tasks'] = sys.argv[3]
json.dump(settings, open(sys.argv[2], 'w'))
PYTHON
    EMULATOR_URL="$(emulator_setting emulator_url)"
    EMULATOR_CA="$(emulator_setting emulator_ca)"
    EMULATOR_API_KEY="$(emulator_setting emulator_api_key)"
    EMULATOR_APP_KEY="$(emulator_setting emulator_app_key)"
    export EMULATOR_VARS EMULATOR_URL EMULATOR_CA EMULATOR_API_KEY EMULATOR_APP_KEY
}

emulator_journal() {
    "$EMULATOR_PYTHON" "$EMULATOR_SCRIPT" journal --state-dir "$EMULATOR_DIR"
}

emulator_control() {
    local body="${2:-}"
    "$EMULATOR_PYTHON" "$EMULATOR_SCRIPT" control "$1" --state-dir "$EMULATOR_DIR" --body "${body:-"{}"}" > /dev/null
}
