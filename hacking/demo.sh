#!/usr/bin/env bash
# make demo: the collection doing its job against the local Datadog API emulator, from a fresh clone.
# Needs python3 (3.11 or newer) and nothing else.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
python="${PYTHON3:-python3}"
build="$root/build/demo"

if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "make demo needs Python 3.11 or newer as $python (ansible-core 2.18 and later run on it)." >&2
    exit 1
fi
# One virtual environment per Python version, so that PYTHON3=... never reuses one another Python built.
venv="$root/.venv/demo-$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "Virtual environment with ansible-core, requests, boto3, and moto and trustme for the stand-ins: $venv"
if [ ! -x "$venv/bin/ansible-playbook" ] || [ ! -f "$venv/.demo-ready" ]; then
    "$python" -m venv --clear "$venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check 'ansible-core>=2.18,<2.22' requests trustme \
        boto3 'moto[server]'
    touch "$venv/.demo-ready"
fi
# Read all of it, then print the first line: `| head -1` would close the pipe early, ansible would die of
# a broken pipe, and pipefail would stop the demo.
ansible_version="$("$venv/bin/ansible" --version)"
echo "${ansible_version%%$'\n'*}"
export PATH="$venv/bin:$PATH"

step "Build the collection artifact from this checkout and install it"
rm -rf "$build"
mkdir -p "$build"
# Where the collection goes is where Ansible looks, set first, so that the install does not warn it would be missed.
export ANSIBLE_COLLECTIONS_PATH="$build/collections"
ansible-galaxy collection build --force --output-path "$build" . > /dev/null
# --no-deps: amazon.aws, a declared dependency (the inventory plugin is built on its inventory base), would come
# from Galaxy, which a machine with PyPI only cannot reach; it comes from the ansible package on PyPI instead.
ansible-galaxy collection install --force --no-deps -p "$build/collections" "$build"/ddog-aws-*.tar.gz > /dev/null
python "$root/hacking/toolchain.py" amazon-aws "$venv" "$build/collections/ansible_collections" > /dev/null
ansible-galaxy collection list 2>/dev/null | grep -E '^(ddog|amazon)\.aws '

step "Start the Datadog API emulator (HTTPS on loopback, AWS account 123456789012 already integrated)"
emulator=(python "$root/tests/emulator/datadog_emulator.py")
# --reorder-lists: lists come back in an order of the emulator's own, as Datadog has answered namespace lists.
"${emulator[@]}" start --state-dir "$build/emulator" --account 123456789012:DatadogIntegrationRole --reorder-lists \
    > /dev/null
# moto as the integration targets start it (python3 is the demo's own, first on PATH).
# shellcheck source-path=SCRIPTDIR source=../tests/integration/targets/setup_moto/moto.sh
source "$root/tests/integration/targets/setup_moto/moto.sh"
trap '"${emulator[@]}" stop --state-dir "$build/emulator" > /dev/null; stop_moto' EXIT
eval "$("${emulator[@]}" env --state-dir "$build/emulator")"
echo "Emulator at $DD_HOST; DD_HOST, DD_API_KEY, DD_APP_KEY and REQUESTS_CA_BUNDLE point the modules at it."

export ANSIBLE_LOCALHOST_WARNING=false ANSIBLE_INVENTORY_UNPARSED_WARNING=false
export ANSIBLE_PYTHON_INTERPRETER="$venv/bin/python"

step "An AWS Organization of three member accounts, in moto (AWS's stand-in) on loopback"
# start_moto points AWS_* at moto, with fake credentials of its management account, never real ones.
OUTPUT_DIR="$build" start_moto
python "$root/tests/integration/targets/organization_rollout/files/organization.py" Prod Staging Data > /dev/null
printf 'plugin: ddog.aws.aws_organization\n' > "$build/demo.aws_organization.yml"
ansible-inventory -i "$build/demo.aws_organization.yml" --graph

step "Every member account, both sides, in parallel: ansible-playbook -i ... ddog.aws.organization_rollout"
ansible-playbook -i "$build/demo.aws_organization.yml" ddog.aws.organization_rollout

step "Run it again: nothing to do, nothing written (every account unchanged, every recap changed=0)"
ansible-playbook -i "$build/demo.aws_organization.yml" ddog.aws.organization_rollout

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

== Against a real Datadog site and AWS Organization
The same playbooks and commands work against Datadog and AWS themselves; keys, site and credentials come from the
environment:

    export DD_API_KEY=<api key> DD_APP_KEY=<application key> DD_SITE=datadoghq.eu
    export AWS_PROFILE=<the management account's profile>
    unset DD_HOST REQUESTS_CA_BUNDLE AWS_URL AWS_ENDPOINT_URL AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY
    printf 'plugin: ddog.aws.aws_organization\n' > org.aws_organization.yml
    ansible-playbook -i org.aws_organization.yml ddog.aws.organization_rollout --check --diff

    ansible-playbook examples/datadog_external_id.yml          # without -e rotate_account_id: rotation breaks a live integration
    ansible-playbook examples/datadog_account.yml --check --diff -e aws_account_id=<your AWS account ID>

TEXT
