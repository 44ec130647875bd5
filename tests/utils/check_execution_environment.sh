#!/usr/bin/env bash
# make ee: what AWX / Automation Platform users rely on, without a container engine.
# 1. ansible-builder create writes a build context from the example definition, and check_ee_definition.py
#    checks it and the Containerfile against what the base image ships and the ansible-core releases tested.
# 2. ansible-builder introspect finds the Python requirements in the collections' metadata.
# 3. ansible-runner (the engine under AWX) runs the example playbook against the Datadog API emulator, with
#    the credentials in the environment that the example AWX credential type injects.
# Usage: check_execution_environment.sh TOOLS_VENV COLLECTIONS_ROOT WORK_DIR CORE...
set -euo pipefail

tools="$1"
collections="$2"
work="$3"
shift 3
root="$(cd "$(dirname "$0")/../.." && pwd)"
definition="$root/examples/execution-environment/execution-environment.yml"
credential_type="$root/examples/awx/credential_type_datadog.yml"
rm -rf "$work"
mkdir -p "$work"

"$tools/bin/ansible-builder" create -f "$definition" -c "$work/context" --output-filename Containerfile \
    > "$work/create.log"
grep -q 'ansible-galaxy collection install' "$work/context/Containerfile"
test -f "$work/context/_build/requirements.yml"
"$tools/bin/python" "$root/tests/utils/check_ee_definition.py" "$definition" "$work/context/Containerfile" "$@"
echo "ansible-builder create: build context in $work/context"

"$tools/bin/ansible-builder" introspect --sanitize "$collections" > "$work/introspect.txt"
grep -Eq "^- 'requests.*# from collection ddog\.aws'" "$work/introspect.txt"
grep -Eq "^- 'boto3.*# from collection (ddog|amazon)\.aws" "$work/introspect.txt"
echo "ansible-builder introspect: requests and boto3 for ddog.aws"

emulator=("$tools/bin/python" "$root/tests/emulator/datadog_emulator.py")
"${emulator[@]}" start --state-dir "$work/emulator" --account 123456789012:DatadogIntegrationRole > /dev/null
trap '"${emulator[@]}" stop --state-dir "$work/emulator" > /dev/null' EXIT
setting() {
    "${emulator[@]}" setting "$1" --state-dir "$work/emulator"
}

# A private data directory as AWX lays it out: project/, env/envvars, env/extravars. The Datadog variables
# are those the credential type injects, rendered from its file for a credential on the AP1 site. A real
# job would reach that site through DD_SITE alone; here DD_HOST (which wins over the site) and
# REQUESTS_CA_BUNDLE send the same calls to the emulator, while the site still decides Datadog's AWS account.
mkdir -p "$work/runner/project" "$work/runner/env"
cp "$root/examples/datadog_external_id.yml" "$work/runner/project/"
{
    "$tools/bin/python" "$root/tests/utils/awx_credential_env.py" "$credential_type" \
        api_key="$(setting emulator_api_key)" app_key="$(setting emulator_app_key)" site=ap1.datadoghq.com
    cat <<YAML
ANSIBLE_COLLECTIONS_PATH: "$collections"
ANSIBLE_PYTHON_INTERPRETER: "$tools/bin/python"
DD_HOST: "$(setting emulator_url)"
REQUESTS_CA_BUNDLE: "$(setting emulator_ca)"
YAML
} > "$work/runner/env/envvars"
printf -- '---\nrotate_account_id: "123456789012"\n' > "$work/runner/env/extravars"

PATH="$tools/bin:$PATH" "$tools/bin/ansible-runner" run "$work/runner" -p datadog_external_id.yml \
    --ident ee-check > "$work/runner.log" 2>&1 || { cat "$work/runner.log"; exit 1; }
artifacts="$work/runner/artifacts/ee-check"
test "$(cat "$artifacts/status")" = successful
grep -Eq 'v2 external ID: [0-9a-f]{32}' "$artifacts/stdout"
grep -Eq 'v1 external ID for 123456789012/DatadogIntegrationRole: [0-9a-f]{32}' "$artifacts/stdout"
# DD_SITE reached the modules: AP1's AWS account is the principal they return.
grep -rqF 'arn:aws:iam::417141415827:root' "$artifacts/job_events"
for key in "$(setting emulator_api_key)" "$(setting emulator_app_key)"; do
    if grep -rqF -- "$key" "$artifacts/stdout" "$artifacts/job_events"; then
        echo "A Datadog key appeared in ansible-runner's output or job events" >&2
        exit 1
    fi
done
echo "ansible-runner: example playbook successful against the emulator with the credential type's environment"
