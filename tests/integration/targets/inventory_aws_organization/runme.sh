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
reset_moto
if ANSIBLE_INVENTORY_UNPARSED_FAILED=true ansible-inventory -i organization.aws_organization.yml --list \
        > "${out}/no_organization.out" 2>&1; then
    echo "an account in no organization should fail the inventory" >&2
    exit 1
fi
# ansible-core 2.18 wraps warnings at 80 columns.
tr '\n' ' ' < "${out}/no_organization.out" | grep -q 'is in no AWS Organization'

# The shipped rollout over an inventory that cannot be read fails, with the inventory's reason, having done nothing;
# so does one whose inventory names an OU the organization lacks.
for source in organization.aws_organization.yml unknown_parent; do
    if [ "$source" = unknown_parent ]; then
        "$MOTO_PYTHON" files/organization.py > /dev/null
        source="${out}/unknown.aws_organization.yml"
        printf 'plugin: ddog.aws.aws_organization\nparent_ids: ["ou-zz99-nothing1"]\n' > "$source"
    fi
    if ansible-playbook -i "$source" ddog.aws.organization_rollout > "${out}/rollout_unread.out" 2>&1; then
        cat "${out}/rollout_unread.out"
        echo "a rollout over an inventory that could not be read should fail" >&2
        exit 1
    fi
    cat "${out}/rollout_unread.out"
    tr '\n' ' ' < "${out}/rollout_unread.out" \
        | grep -Eq '"msg": "(The account of these AWS credentials is in no AWS Organization|parent_ids: ou-zz99-nothing1 is no root).*Nothing was done\."'
done

# Names an account's administrator chose to attack with: account and OU names, tag keys and values that are Jinja
# templates, OU names with no ASCII letter or digit, an OU name with a '/'. Through ansible-inventory --list and
# --graph --vars, compose, keyed_groups and a play that uses the names, nothing is ever evaluated, and every OU has a
# group of its own.
marker="$(mktemp -u /tmp/ddog-pwned-XXXXXX)"
reset_moto
"$MOTO_PYTHON" files/hostile_organization.py "$marker" > "${out}/hostile.json"
hostile="${out}/hostile.aws_organization.yml"
cat > "$hostile" <<'YAML'
plugin: ddog.aws.aws_organization
read_account_tags: true
compose:
  shown_name: aws_account_name
  shown_path: aws_organizational_unit_path
  shown_team: aws_account_tags.Team
keyed_groups:
  - key: aws_account_name
    prefix: name
  - key: aws_organizational_units
    prefix: unit
  - key: aws_account_tags
    prefix: tag
YAML
ansible-inventory -i "$hostile" --list > "${out}/hostile-inventory.json"
ansible-inventory -i "$hostile" --graph --vars > "${out}/hostile-graph.txt"
PYTHONPATH=files "$MOTO_PYTHON" files/check_hostile.py "${out}/hostile.json" "${out}/hostile-inventory.json"
ansible-playbook -i "$hostile" hostile.yml > "${out}/hostile-play.out"
grep -qF "lookup('ansible.builtin.pipe', 'touch $marker')" "${out}/hostile-play.out"
if [ -e "$marker" ]; then
    echo "a name from AWS was evaluated as a template: $marker exists" >&2
    rm -f "$marker"
    exit 1
fi

# Tags, a role assumed in the management account, and the cache (tagged.aws_organization.yml): the account tagged
# Datadog=off is left out, the others are grouped by their Team tag. The first --list makes 13 requests: AssumeRole,
# DescribeOrganization, ListRoots, ListOrganizationalUnitsForParent and ListAccountsForParent for the root and the
# two OUs, and ListTagsForResource for each active account (three members and the management account). The second
# is answered by the cache with moto stopped, and lists the same. A rollout with --flush-cache (ansible-inventory
# has no such option before ansible-core 2.19) reads again, and fails without moto, with the reason.
reset_moto
"$MOTO_PYTHON" files/organization.py > "${out}/organization.json"
export ANSIBLE_INVENTORY_CACHE_CONNECTION="${out}/inventory-cache"
rm -rf "$ANSIBLE_INVENTORY_CACHE_CONNECTION"
before="$(moto_requests)"
ansible-inventory -i tagged.aws_organization.yml --list > "${out}/tagged.json"
[ "$(( $(moto_requests) - before ))" -eq 13 ]
PYTHONPATH=files "$MOTO_PYTHON" files/check_tags.py "${out}/organization.json" "${out}/tagged.json"
stop_moto
ansible-inventory -i tagged.aws_organization.yml --list > "${out}/tagged-cached.json"
cmp "${out}/tagged.json" "${out}/tagged-cached.json"
if AWS_MAX_ATTEMPTS=1 ansible-playbook -i tagged.aws_organization.yml --flush-cache ddog.aws.organization_rollout \
        > "${out}/flushed.out" 2>&1; then
    cat "${out}/flushed.out"
    echo "--flush-cache should read the organization again, and fail with moto stopped" >&2
    exit 1
fi
cat "${out}/flushed.out"
tr '\n' ' ' < "${out}/flushed.out" \
    | grep -Eq '"msg": "ddog.aws.aws_organization could not list the accounts of the AWS Organization: .*Nothing was done\."'
