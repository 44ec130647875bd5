# shellcheck shell=bash
# Sourced by the runme.sh of targets that need the Datadog API emulator (alias needs/target/setup_datadog_emulator).
#
#   start_datadog_emulator [emulator options]   start it; export EMULATOR_URL, EMULATOR_CA, EMULATOR_API_KEY,
#                                              EMULATOR_APP_KEY and EMULATOR_VARS, a vars file for -e @... with
#                                              emulator_url, emulator_ca, emulator_api_key, emulator_app_key and
#                                              emulator_tasks (this target's tasks/: run_test.yml, journal.yml)
#   stop_datadog_emulator                      stop it: runme.sh sets `trap stop_datadog_emulator EXIT` first
#   emulator_environment                       export DD_API_KEY, DD_APP_KEY, DD_HOST and REQUESTS_CA_BUNDLE, which point the
#                                              collection at the emulator as users point it at Datadog
#   emulator_journal                           print the journal of API requests as JSON
#   emulator_count METHOD PATH                 how many API requests matched the extended regular expressions
#                                              METHOD and PATH (the path only, without the query)
#   emulator_control NAME [JSON]               POST JSON (default {}) to the control endpoint /_emulator/NAME
#   start_misbehaving_server NAME [options]    start tests/emulator/misbehaving_server.py in the background with
#                                              these options (--host, --tls, --act); its URL, CA and journal are
#                                              then in $EMULATOR_DIR/NAME/ (server.json, ca.pem, journal.jsonl)
#   misbehaving_setting NAME KEY               url or ca of that server
#   misbehaving_requests NAME                  how many requests it received

EMULATOR_SETUP_TARGET="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
EMULATOR_SCRIPT="$(cd "${EMULATOR_SETUP_TARGET}/../../../emulator" && pwd)/datadog_emulator.py"
MISBEHAVING_SCRIPT="$(dirname "$EMULATOR_SCRIPT")/misbehaving_server.py"
EMULATOR_PYTHON="${ANSIBLE_TEST_PYTHON_INTERPRETER:-python3}"
EMULATOR_DIR="$(mktemp -d "${OUTPUT_DIR:-${TMPDIR:-/tmp}}/datadog-emulator.XXXXXX")"

stop_datadog_emulator() {
    "$EMULATOR_PYTHON" "$EMULATOR_SCRIPT" stop --state-dir "$EMULATOR_DIR" > /dev/null || true
    local settings
    for settings in "$EMULATOR_DIR"/*/server.json; do
        if [ -f "$settings" ]; then
            kill "$("$EMULATOR_PYTHON" -c 'import json, sys; print(json.load(open(sys.argv[1]))["pid"])' "$settings")" \
                2> /dev/null || true
        fi
    done
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

emulator_environment() {
    eval "$("$EMULATOR_PYTHON" "$EMULATOR_SCRIPT" env --state-dir "$EMULATOR_DIR")"
}

emulator_journal() {
    "$EMULATOR_PYTHON" "$EMULATOR_SCRIPT" journal --state-dir "$EMULATOR_DIR"
}

emulator_count() {
    "$EMULATOR_PYTHON" "$EMULATOR_SCRIPT" journal --state-dir "$EMULATOR_DIR" --summary \
        | grep -cE "^($1) +($2)(\\?| )" || true
}

emulator_control() {
    local body="${2:-}"
    "$EMULATOR_PYTHON" "$EMULATOR_SCRIPT" control "$1" --state-dir "$EMULATOR_DIR" --body "${body:-"{}"}" > /dev/null
}

start_misbehaving_server() {
    local name="$1" waited=0
    shift
    mkdir -p "$EMULATOR_DIR/$name"
    "$EMULATOR_PYTHON" "$MISBEHAVING_SCRIPT" serve --state-dir "$EMULATOR_DIR/$name" "$@" \
        > "$EMULATOR_DIR/$name.log" 2>&1 &
    until [ -f "$EMULATOR_DIR/$name/server.json" ]; do
        sleep 0.1
        waited=$((waited + 1))
        if [ "$waited" -gt 300 ]; then
            cat "$EMULATOR_DIR/$name.log" >&2
            return 1
        fi
    done
}

misbehaving_setting() {
    "$EMULATOR_PYTHON" -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' \
        "$EMULATOR_DIR/$1/server.json" "$2"
}

misbehaving_requests() {
    if [ -f "$EMULATOR_DIR/$1/journal.jsonl" ]; then
        wc -l < "$EMULATOR_DIR/$1/journal.jsonl"
    else
        echo 0
    fi
}
