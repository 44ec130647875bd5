#!/usr/bin/env bash
# ddog.aws.organization_rollout end to end: an AWS Organization in moto (Organizations, STS assume-role, IAM in
# each member account) and the Datadog API emulator.
set -eux

# shellcheck source-path=SCRIPTDIR source=../setup_datadog_emulator/emulator.sh
source ../setup_datadog_emulator/emulator.sh
# shellcheck source-path=SCRIPTDIR source=../setup_moto/moto.sh
source ../setup_moto/moto.sh
trap 'stop_moto; stop_datadog_emulator' EXIT
# shellcheck disable=SC2119 # no option: the emulator starts with no integration at all
start_datadog_emulator
start_moto

out="${OUTPUT_DIR:-/tmp}"
# The modules reach the emulator the way users reach Datadog: DD_* variables (and its CA).
emulator_environment

# Fresh2's administrator named it with a template that would create $marker if Ansible ever evaluated it.
marker="$(mktemp -u /tmp/ddog-pwned-XXXXXX)"
fresh2_name="{{ lookup('ansible.builtin.pipe', 'touch $marker') }}"
"$MOTO_PYTHON" files/organization.py Integrated RoleOnly Fresh1 "$fresh2_name" Excluded Broken > "$out/accounts.json"
account() { "$MOTO_PYTHON" -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$out/accounts.json" "$1"; }
integrated="$(account Integrated)" role_only="$(account RoleOnly)" fresh1="$(account Fresh1)" fresh2="$(account "$fresh2_name")"
excluded="$(account Excluded)" broken="$(account Broken)"
never_evaluated() {
    if [ -e "$marker" ]; then
        rm -f "$marker"
        echo "an account name was evaluated as a template" >&2
        return 1
    fi
}

inventory="$out/test.aws_organization.yml"
printf 'plugin: ddog.aws.aws_organization\nexclude_accounts: ["%s"]\n' "$excluded" > "$inventory"

rollout() {
    ansible-playbook -i "$inventory" --forks 4 -e "@${EMULATOR_VARS}" ddog.aws.organization_rollout "$@"
}

verify() {
    ansible-playbook -i ../../inventory -e "@${EMULATOR_VARS}" verify.yml -e "$1"
}

# Every account's recap in the output file says changed=0.
nothing_changed() {
    if grep -Eq ': ok=[0-9]+ +changed=[1-9]' "$1"; then
        echo "a run that had nothing to do changed something: $1" >&2
        return 1
    fi
}

# Before: one account already integrated (by a run of its own), one with an IAM role trusting a generated ID but
# no integration, one that Datadog integrates with access keys (the role refuses it), the rest empty.
rollout --limit "$integrated"
ansible-playbook -i "$inventory" -e "@${EMULATOR_VARS}" --limit "$role_only" role_only.yml
ansible localhost -i ../../inventory -m ddog.aws.datadog_aws_account \
    -a "aws_account_id=$broken access_key_id=AKIAIOSFODNN7EXAMPLE secret_access_key=fake-secret-not-real"
emulator_control faults '{"faults": []}'
reads_before="$(emulator_count GET '/api/v2/integration/aws/(iam_permissions|accounts)')"

# The rollout, at -vvv: every account but the excluded one; the broken one fails, alone, and the run says why. The
# PLAY RECAP shows failed=1 on the broken account and on no other. No temporary credential of any account (moto's
# access key IDs start with ASIA, its session tokens with FQoGZXIvYXdzE) appears anywhere in the output.
if rollout -vvv > "$out/first.out" 2>&1; then
    cat "$out/first.out"
    echo "a run with a failing account should fail" >&2
    exit 1
fi
cat "$out/first.out"
grep -q "5 accounts: 3 created, 0 updated, 1 unchanged, 0 deleted, 1 failed" "$out/first.out"
grep -q "$broken (Broken) failed: Datadog integrates AWS account $broken with access keys, not with the role DatadogIntegrationRole" "$out/first.out"
grep -q "unchanged: $integrated (Integrated)" "$out/first.out"
grep -qF "created: $fresh1 (Fresh1), $fresh2 ($fresh2_name)" "$out/first.out" || grep -qF "$fresh2 ($fresh2_name)" "$out/first.out"
recap_failed() { grep -E "^$1 +: ok=" "$2" | grep -Eo 'failed=[0-9]+'; }
[ "$(recap_failed "$broken" "$out/first.out")" = failed=1 ]
for healthy in "$integrated" "$role_only" "$fresh1" "$fresh2"; do
    [ "$(recap_failed "$healthy" "$out/first.out")" = failed=0 ]
done
if grep -Eq 'ASIA[A-Z0-9]{16}|FQoGZXIvYXdzE' "$out/first.out"; then
    echo "a temporary credential of a member account appeared in the output" >&2
    exit 1
fi
never_evaluated
verify "{\"complete_accounts\": [\"$integrated\", \"$role_only\", \"$fresh1\", \"$fresh2\"], \"empty_accounts\": [\"$excluded\"]}"
# What does not depend on the account was read once, not once per account: the permissions and the listing, and no
# Datadog request per account but each one's create.
[ "$(emulator_count GET '/api/v2/integration/aws/iam_permissions')" -eq 2 ]
[ "$(( $(emulator_count GET '/api/v2/integration/aws/(iam_permissions|accounts)') - reads_before ))" -eq 2 ]
# The role-only account kept the ID its role trusted: no second ID was minted for it.
[ "$(emulator_count POST '/api/v2/integration/aws/generate_new_external_id')" -eq 1 ]

# The broken account, once its integration is deleted, is set up by the next run; the others do not change.
ansible localhost -i ../../inventory -m ddog.aws.datadog_aws_account -a "aws_account_id=$broken state=absent"
rollout > "$out/second.out"
cat "$out/second.out"
grep -q "5 accounts: 1 created, 0 updated, 4 unchanged, 0 deleted, 0 failed" "$out/second.out"

# A rerun changes nothing, in AWS or in Datadog.
writes="$(emulator_count 'POST|PATCH|PUT|DELETE' '/api/.*')"
rollout > "$out/rerun.out"
cat "$out/rerun.out"
grep -q "5 accounts: 0 created, 0 updated, 5 unchanged, 0 deleted, 0 failed" "$out/rerun.out"
nothing_changed "$out/rerun.out"
[ "$(emulator_count 'POST|PATCH|PUT|DELETE' '/api/.*')" -eq "$writes" ]
# Through the playbook an AWX job template runs (examples/awx/), the same rollout.
ansible-playbook -i "$inventory" --forks 4 -e "@${EMULATOR_VARS}" ../../../../examples/awx/organization_rollout.yml \
    > "$out/awx.out"
grep -q "5 accounts: 0 created, 0 updated, 5 unchanged, 0 deleted, 0 failed" "$out/awx.out"
# In check mode too.
rollout --check > "$out/check.out"
grep -q "5 accounts: 0 created, 0 updated, 5 unchanged, 0 deleted, 0 failed" "$out/check.out"
nothing_changed "$out/check.out"

# Metrics settings for every account, metric name filters included, passed through the role: the settings name
# namespaces, so the run reads Datadog's catalogue of namespaces once (not its log sources, which they do not name),
# and each account's write is checked against it. A rerun writes nothing and sends Datadog the run's three reads (the
# permission list, the integrations, the namespaces) and nothing per account. Then a name Datadog does not know fails
# every account before any write, in check mode as in a real run, with one catalogue read per run.
metrics='{"integration_role_metrics_config": {"namespace_filters": {"exclude_only": ["AWS/SQS", "AWS/Usage"]},
          "metric_name_filters": [{"namespace": "AWS/EC2", "include_only": ["aws.ec2.network_in"]}]}}'
catalogue_reads() { emulator_count GET '/api/v2/integration/aws/(available_namespaces|logs/services)'; }
datadog_requests() { emulator_count '[A-Z]+' '/api/.*'; }
rollout -e "$metrics" > "$out/metrics.out"
cat "$out/metrics.out"
grep -q "5 accounts: 0 created, 5 updated, 0 unchanged, 0 deleted, 0 failed" "$out/metrics.out"
[ "$(catalogue_reads)" -eq 1 ]
[ "$(emulator_count GET '/api/v2/integration/aws/available_namespaces')" -eq 1 ]
"$MOTO_PYTHON" - "$(dirname "$EMULATOR_SCRIPT")" "$EMULATOR_DIR" <<'PYTHON'
import sys
sys.path.insert(0, sys.argv[1])
import datadog_emulator
for account in datadog_emulator.control(sys.argv[2], 'state')['accounts']:
    metrics = account['attributes']['metrics_config']
    assert metrics['metric_name_filters'] == [{'namespace': 'AWS/EC2', 'include_only': ['aws.ec2.network_in']}], metrics
    assert metrics['namespace_filters'] == {'exclude_only': ['AWS/SQS', 'AWS/Usage']}, metrics
PYTHON
writes="$(emulator_count 'POST|PATCH|PUT|DELETE' '/api/.*')" requests_before="$(datadog_requests)"
reads_before="$(emulator_count GET '/api/v2/integration/aws/(iam_permissions|accounts)')"
rollout -e "$metrics" > "$out/metrics-rerun.out"
grep -q "5 accounts: 0 created, 0 updated, 5 unchanged, 0 deleted, 0 failed" "$out/metrics-rerun.out"
nothing_changed "$out/metrics-rerun.out"
[ "$(catalogue_reads)" -eq 2 ]
[ "$(( $(datadog_requests) - requests_before ))" -eq 3 ]
[ "$(( $(emulator_count GET '/api/v2/integration/aws/(iam_permissions|accounts)') - reads_before ))" -eq 2 ]
unknown='{"integration_role_metrics_config": {"namespace_filters": {"exclude_only": ["AWS/SQS", "AWS/EC3"]}}}'
for mode in --check --diff; do
    if rollout -e "$unknown" "$mode" > "$out/unknown.out" 2>&1; then
        echo "a run naming a namespace Datadog does not know should fail" >&2
        exit 1
    fi
    grep -q "5 accounts: 0 created, 0 updated, 0 unchanged, 0 deleted, 5 failed" "$out/unknown.out"
    [ "$(grep -c 'AWS/EC3 is not a CloudWatch namespace Datadog knows (closest: AWS/EC2' "$out/unknown.out")" -ge 5 ]
done
[ "$(catalogue_reads)" -eq 4 ]
[ "$(emulator_count 'POST|PATCH|PUT|DELETE' '/api/.*')" -eq "$writes" ]

# Teardown, then again: the second finds nothing to do.
rollout -e integration_role_state=absent > "$out/teardown.out"
cat "$out/teardown.out"
grep -q "5 accounts: 0 created, 0 updated, 0 unchanged, 5 deleted, 0 failed" "$out/teardown.out"
verify "{\"complete_accounts\": [], \"empty_accounts\": [\"$integrated\", \"$role_only\", \"$fresh1\", \"$fresh2\", \"$broken\", \"$excluded\"]}"
rollout -e integration_role_state=absent > "$out/teardown-again.out"
grep -q "5 accounts: 0 created, 0 updated, 5 unchanged, 0 deleted, 0 failed" "$out/teardown-again.out"
nothing_changed "$out/teardown-again.out"

# A failure every account shares: the application key lost its read permission. Every account fails with Datadog's
# reason (not "failed without a message"), before anything is done in AWS.
emulator_control permissions '{"permissions": []}'
if rollout > "$out/shared.out" 2>&1; then
    echo "a run whose key cannot read should fail" >&2
    exit 1
fi
cat "$out/shared.out"
grep -q "5 accounts: 0 created, 0 updated, 0 unchanged, 0 deleted, 5 failed" "$out/shared.out"
[ "$(grep -c 'failed: .*HTTP 403 Forbidden.*needs the application key permission aws_configuration_read' "$out/shared.out")" -ge 5 ]
for each in "$integrated" "$role_only" "$fresh1" "$fresh2" "$broken"; do
    [ "$(recap_failed "$each" "$out/shared.out")" = failed=1 ]
done
if grep -q 'failed without a message' "$out/shared.out"; then exit 1; fi
verify "{\"complete_accounts\": [], \"empty_accounts\": [\"$integrated\", \"$role_only\", \"$fresh1\", \"$fresh2\", \"$broken\"]}"
never_evaluated

# Past one machine: AWX's job slicing runs N jobs, each with every Nth host. Four slices at once against one Datadog
# and one AWS, with Datadog answering overlapping writes with its 500 "conflicting updates" and rate-limiting: every
# account is done exactly once, with one integration each, and every slice ends with a summary of its own accounts.
emulator_control reset
emulator_control conflicts '{"hold": 0.05}'
emulator_control rate_limit '{"limit": 40, "period": 2}'
"$MOTO_PYTHON" files/organization.py --existing S1 S2 S3 S4 S5 S6 S7 S8 > "$out/more.json"
ansible-inventory -i "$inventory" --list > "$out/inventory.json"
mapfile -t members < <("$MOTO_PYTHON" -c 'import json, sys
print("\n".join(sorted(json.load(open(sys.argv[1]))["aws_organization_members"]["hosts"])))' "$out/inventory.json")
[ "${#members[@]}" -eq 13 ]
sliced() {
    local slice pids=() failed=0 index
    for slice in 0 1 2 3; do
        local hosts=()
        for index in "${!members[@]}"; do
            if [ $((index % 4)) -eq "$slice" ]; then hosts+=("${members[$index]}"); fi
        done
        (IFS=,; rollout --limit "${hosts[*]}" > "$out/slice-$slice.out" 2>&1) &
        pids+=($!)
    done
    for slice in 0 1 2 3; do
        wait "${pids[$slice]}" || { cat "$out/slice-$slice.out"; failed=1; }
    done
    return "$failed"
}
sliced
for slice in 0 1 2 3; do
    cat "$out/slice-$slice.out"
    grep -Eq "[34] accounts: [34] created, 0 updated, 0 unchanged, 0 deleted, 0 failed" "$out/slice-$slice.out"
done
verify "{\"complete_accounts\": $("$MOTO_PYTHON" -c 'import json, sys; print(json.dumps(sys.argv[1:]))' "${members[@]}"), \"empty_accounts\": [\"$excluded\"]}"
"$MOTO_PYTHON" - "$(dirname "$EMULATOR_SCRIPT")" "$EMULATOR_DIR" "${members[@]}" <<'PYTHON'
import sys
sys.path.insert(0, sys.argv[1])
import datadog_emulator
state = datadog_emulator.control(sys.argv[2], 'state')
held = sorted(account['attributes']['aws_account_id'] for account in state['accounts'])
assert held == sorted(sys.argv[3:]), ('one integration per account, no duplicate', held)
print('conflicting updates answered: %d' % state['conflicts']['answered'])
PYTHON
# Sliced again, nothing changes.
writes="$(emulator_count 'POST|PATCH|PUT|DELETE' '/api/.*')"
sliced
for slice in 0 1 2 3; do
    grep -Eq "[34] accounts: 0 created, 0 updated, [34] unchanged, 0 deleted, 0 failed" "$out/slice-$slice.out"
    nothing_changed "$out/slice-$slice.out"
done
[ "$(emulator_count 'POST|PATCH|PUT|DELETE' '/api/.*')" -eq "$writes" ]

# Datadog's keys from variables rather than the environment, as the README's Security section recommends: a vars file
# encrypted with Ansible Vault, then AWS Secrets Manager (moto's) through the amazon.aws.secretsmanager_secret lookup.
# The keys appear in no output, at -vvv either.
emulator_control reset
printf 'datadog_api_key: %s\ndatadog_app_key: %s\n' "$EMULATOR_API_KEY" "$EMULATOR_APP_KEY" > "$out/keys.yml"
printf 'a-vault-password\n' > "$out/vault-password"
ansible-vault encrypt --vault-password-file "$out/vault-password" "$out/keys.yml"
"$MOTO_PYTHON" - "$EMULATOR_API_KEY" "$EMULATOR_APP_KEY" <<'PYTHON'
import os, sys, boto3
secrets = boto3.client('secretsmanager', region_name=os.environ['AWS_REGION'])
secrets.create_secret(Name='datadog/api_key', SecretString=sys.argv[1])
secrets.create_secret(Name='datadog/app_key', SecretString=sys.argv[2])
PYTHON
lookups='{"datadog_api_key": "{{ lookup('"'"'amazon.aws.secretsmanager_secret'"'"', '"'"'datadog/api_key'"'"') }}",
          "datadog_app_key": "{{ lookup('"'"'amazon.aws.secretsmanager_secret'"'"', '"'"'datadog/app_key'"'"') }}"}'
for source in vault secrets_manager; do
    if [ "$source" = vault ]; then
        keys=(-e "@$out/keys.yml" --vault-password-file "$out/vault-password")
    else
        keys=(-e "$lookups")
    fi
    (unset DD_API_KEY DD_APP_KEY; rollout "${keys[@]}" -vvv > "$out/keys-$source.out" 2>&1) \
        || { cat "$out/keys-$source.out"; exit 1; }
    grep -Eq '"13 accounts: [0-9]+ created, 0 updated, [0-9]+ unchanged, 0 deleted, 0 failed"' "$out/keys-$source.out"
    for key in "$EMULATOR_API_KEY" "$EMULATOR_APP_KEY"; do
        if grep -qF -- "$key" "$out/keys-$source.out"; then
            echo "a Datadog key appeared in the output of a rollout with keys from $source" >&2
            exit 1
        fi
    done
done
