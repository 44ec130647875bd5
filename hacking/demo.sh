#!/usr/bin/env bash
# make demo: the collection doing its job against the local Datadog API emulator, from a fresh clone.
# Needs python3 (3.11 or newer) and nothing else.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
python="${PYTHON3:-python3}"
venv="$root/.venv/demo"
build="$root/build/demo"

if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "make demo needs Python 3.11 or newer as $python (ansible-core 2.18 and later run on it)." >&2
    exit 1
fi

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "Virtual environment with ansible-core, requests and trustme: $venv"
if [ ! -x "$venv/bin/ansible-playbook" ]; then
    "$python" -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check 'ansible-core>=2.18' requests trustme
fi
# Read all of it, then print the first line: `| head -1` would close the pipe early, ansible would die of
# a broken pipe, and pipefail would stop the demo.
ansible_version="$("$venv/bin/ansible" --version)"
echo "${ansible_version%%$'\n'*}"
export PATH="$venv/bin:$PATH"

step "Build the collection artifact from this checkout and install it"
rm -rf "$build"
mkdir -p "$build"
ansible-galaxy collection build --force --output-path "$build" . > /dev/null
# --no-deps: amazon.aws, a declared dependency, would come from Galaxy; nothing here needs it.
ansible-galaxy collection install --force --no-deps -p "$build/collections" "$build"/ddog-aws-*.tar.gz > /dev/null
export ANSIBLE_COLLECTIONS_PATH="$build/collections"
ansible-galaxy collection list ddog.aws 2>/dev/null | grep ddog.aws

step "Start the Datadog API emulator (HTTPS on loopback, AWS account 123456789012 already integrated)"
emulator=(python "$root/tests/emulator/datadog_emulator.py")
# --reorder-lists: lists come back in an order of the emulator's own, as Datadog has answered namespace lists.
"${emulator[@]}" start --state-dir "$build/emulator" --account 123456789012:DatadogIntegrationRole --reorder-lists \
    > /dev/null
trap '"${emulator[@]}" stop --state-dir "$build/emulator" > /dev/null' EXIT
setting() { "${emulator[@]}" setting "$1" --state-dir "$build/emulator"; }
DD_HOST="$(setting emulator_url)"
DD_API_KEY="$(setting emulator_api_key)"
DD_APP_KEY="$(setting emulator_app_key)"
REQUESTS_CA_BUNDLE="$(setting emulator_ca)"
export DD_HOST DD_API_KEY DD_APP_KEY REQUESTS_CA_BUNDLE
echo "Emulator at $DD_HOST; DD_HOST, DD_API_KEY, DD_APP_KEY and REQUESTS_CA_BUNDLE point the modules at it."

export ANSIBLE_LOCALHOST_WARNING=false ANSIBLE_INVENTORY_UNPARSED_WARNING=false
export ANSIBLE_PYTHON_INTERPRETER="$venv/bin/python"

step "Playbook: a v2 call with register, and a v1 rotation of account 123456789012"
ansible-playbook examples/datadog_external_id.yml -e rotate_account_id=123456789012

step "The same playbook in check mode: reports a change, sends nothing"
ansible-playbook examples/datadog_external_id.yml -e rotate_account_id=123456789012 --check

step "Ad-hoc: ansible localhost -m ddog.aws.datadog_aws_external_id"
ansible localhost -m ddog.aws.datadog_aws_external_id

step "The integration itself, in check mode with --diff: what a run would create, sending only a read"
ansible-playbook examples/datadog_account.yml -e aws_account_id=210987654321 --check --diff

step "Create it; then again: the lists come back in another order, and still nothing changes"
ansible-playbook examples/datadog_account.yml -e aws_account_id=210987654321
ansible-playbook examples/datadog_account.yml -e aws_account_id=210987654321

step "Take it down"
ansible-playbook examples/datadog_account.yml -e aws_account_id=210987654321 -e state=absent

step "What the emulator received (keys are checked, never stored)"
"${emulator[@]}" journal --state-dir "$build/emulator" --summary

cat <<'TEXT'

== Against a real Datadog site
The same playbook and command work against Datadog itself; the keys and site come from the environment:

    export DD_API_KEY=<api key> DD_APP_KEY=<application key with aws_configuration_edit>
    export DD_SITE=datadoghq.eu      # or us3.datadoghq.com, us5.datadoghq.com, ap1.datadoghq.com, ddog-gov.com ...
    unset DD_HOST REQUESTS_CA_BUNDLE
    ansible-playbook examples/datadog_external_id.yml          # without -e rotate_account_id: rotation breaks a live integration
    ansible-playbook examples/datadog_account.yml --check --diff -e aws_account_id=<your AWS account ID>

TEXT
