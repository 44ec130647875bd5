#!/usr/bin/env bash
# make ee: what AWX / Automation Platform users rely on, without a container engine.
# 1. ansible-builder create writes a build context from the example definition.
# 2. ansible-builder introspect finds the Python requirements in the collections' metadata.
# 3. ansible-runner (the engine under AWX) runs the example playbook against the Datadog API emulator.
# Usage: check_execution_environment.sh TOOLS_VENV COLLECTIONS_ROOT WORK_DIR
set -euo pipefail

tools="$1"
collections="$2"
work="$3"
root="$(cd "$(dirname "$0")/../.." && pwd)"
rm -rf "$work"
mkdir -p "$work"

"$tools/bin/ansible-builder" create -f "$root/examples/execution-environment/execution-environment.yml" \
    -c "$work/context" --output-filename Containerfile > "$work/create.log"
grep -q 'ansible-galaxy collection install' "$work/context/Containerfile"
test -f "$work/context/_build/requirements.yml"
echo "ansible-builder create: build context in $work/context"

"$tools/bin/ansible-builder" introspect --sanitize "$collections" > "$work/introspect.txt"
grep -Eq "^- 'requests.*# from collection ddog\.aws'" "$work/introspect.txt"
grep -Eq "^- 'boto3.*# from collection amazon\.aws'" "$work/introspect.txt"
echo "ansible-builder introspect: requests from ddog.aws, boto3 from amazon.aws"

emulator=("$tools/bin/python" "$root/tests/emulator/datadog_emulator.py")
"${emulator[@]}" start --state-dir "$work/emulator" --account 123456789012:DatadogIntegrationRole > /dev/null
trap '"${emulator[@]}" stop --state-dir "$work/emulator" > /dev/null' EXIT
setting() {
    "${emulator[@]}" setting "$1" --state-dir "$work/emulator"
}

# A private data directory as AWX lays it out: project/, env/envvars, env/extravars.
mkdir -p "$work/runner/project" "$work/runner/env"
cp "$root/examples/datadog_external_id.yml" "$work/runner/project/"
cat > "$work/runner/env/envvars" <<YAML
---
ANSIBLE_COLLECTIONS_PATH: "$collections"
ANSIBLE_PYTHON_INTERPRETER: "$tools/bin/python"
DD_HOST: "$(setting emulator_url)"
DD_API_KEY: "$(setting emulator_api_key)"
DD_APP_KEY: "$(setting emulator_app_key)"
REQUESTS_CA_BUNDLE: "$(setting emulator_ca)"
YAML
printf -- '---\nrotate_account_id: "123456789012"\n' > "$work/runner/env/extravars"

PATH="$tools/bin:$PATH" "$tools/bin/ansible-runner" run "$work/runner" -p datadog_external_id.yml \
    --ident ee-check > "$work/runner.log" 2>&1 || { cat "$work/runner.log"; exit 1; }
test "$(cat "$work/runner/artifacts/ee-check/status")" = successful
grep -Eq 'v2 external ID: [0-9a-f]{32}' "$work/runner/artifacts/ee-check/stdout"
grep -Eq 'v1 external ID for 123456789012/DatadogIntegrationRole: [0-9a-f]{32}' "$work/runner/artifacts/ee-check/stdout"
if grep -qF "$(setting emulator_api_key)" "$work/runner/artifacts/ee-check/stdout"; then
    echo "The API key appeared in ansible-runner's output" >&2
    exit 1
fi
echo "ansible-runner: example playbook successful against the emulator (v2 and v1 IDs returned)"
