#!/usr/bin/env bash
# ddog.aws.aws_organization end to end: moto in server mode stands in for AWS Organizations, STS and IAM.
set -eux

# shellcheck source-path=SCRIPTDIR source=../setup_moto/moto.sh
source ../setup_moto/moto.sh
trap stop_moto EXIT
start_moto

out="${OUTPUT_DIR:-/tmp}"
"$MOTO_PYTHON" files/organization.py > "${out}/organization.json"

# The inventory, as ansible-inventory prints it.
ansible-inventory -i organization.aws_organization.yml --list > "${out}/inventory.json"
"$MOTO_PYTHON" files/check_inventory.py "${out}/organization.json" "${out}/inventory.json"

# A play over those hosts, in parallel, each in its own account.
ansible-playbook -i organization.aws_organization.yml --forks 3 -e "@${out}/organization.json" rollout.yml

# An account in no organization: a clear error, not an empty inventory.
"$MOTO_PYTHON" -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1] + "/moto-api/reset", data=b"")' "$MOTO_URL"
if ANSIBLE_INVENTORY_UNPARSED_FAILED=true ansible-inventory -i organization.aws_organization.yml --list \
        > "${out}/no_organization.out" 2>&1; then
    echo "an account in no organization should fail the inventory" >&2
    exit 1
fi
# ansible-core 2.18 wraps warnings at 80 columns.
tr '\n' ' ' < "${out}/no_organization.out" | grep -q 'is in no AWS Organization'
