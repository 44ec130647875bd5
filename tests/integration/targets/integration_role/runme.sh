#!/usr/bin/env bash
# ddog.aws.integration_role end to end: the Datadog API emulator stands in for Datadog, moto for AWS IAM. Besides
# what the role does, each clause of its ownership contract, against foreign look-alikes that must not change.
set -eux

# Setup (both are stopped on exit, whatever happens).
# shellcheck source-path=SCRIPTDIR source=../setup_datadog_emulator/emulator.sh
source ../setup_datadog_emulator/emulator.sh
# shellcheck source-path=SCRIPTDIR source=../setup_moto/moto.sh
source ../setup_moto/moto.sh
trap 'stop_moto; stop_datadog_emulator' EXIT
start_datadog_emulator --rate-limit 1000
MOTO_IAM_LOAD_MANAGED_POLICIES=true start_moto

out="${OUTPUT_DIR:-/tmp}"
iam_state() { "$MOTO_PYTHON" files/iam_state.py "$@"; }

playbook() {
    ansible-playbook -i ../../inventory -e "@${EMULATOR_VARS}" "$@"
}

datadog_writes() { emulator_count 'POST|PATCH|PUT|DELETE' '/api/.*'; }
# ansible-core 2.18 wraps warnings at the terminal's width: look for the words across line ends.
warned() { tr '\n' ' ' < "$2" | grep -qF -- "$1"; }

# A run that must change nothing, in AWS or in Datadog: its recap says changed=0, Datadog got no write, and IAM is
# as it was.
unchanged() {
    local writes
    writes="$(datadog_writes)"
    iam_state snapshot "$out/before.json"
    playbook "$@" > "$out/unchanged.out" || { cat "$out/unchanged.out"; return 1; }
    cat "$out/unchanged.out"
    grep -Eq 'localhost +: ok=[0-9]+ +changed=0 +unreachable=0 +failed=0 ' "$out/unchanged.out"
    [ "$(datadog_writes)" -eq "$writes" ]
    iam_state unchanged "$out/before.json"
}

# A run that must be refused with $1 in its output, having changed nothing anywhere.
refused() {
    local words="$1" writes
    shift
    writes="$(datadog_writes)"
    iam_state snapshot "$out/before.json"
    if playbook "$@" > "$out/refused.out" 2>&1; then
        cat "$out/refused.out"
        echo "this run should have been refused: $words" >&2
        return 1
    fi
    cat "$out/refused.out"
    grep -q "$words" "$out/refused.out"
    [ "$(datadog_writes)" -eq "$writes" ]
    iam_state unchanged "$out/before.json"
}

# Everything but the named roles (and the policies marked for them) is as it was when "$out/foreign.json" was taken.
foreign_unchanged() { iam_state unchanged "$out/foreign.json" "$@"; }

eu=(-e datadog_site=datadoghq.eu -e aws_partition=aws -e aws_region=eu-west-1 -e iam_role=DatadogEU
    -e expected_principal=arn:aws:iam::464622532012:root)
export AWS_REGION=eu-west-1

# EU site, an account Datadog does not integrate yet: Datadog mints the ID on create, nothing is generated.
playbook provision.yml "${eu[@]}" -e expected_outcome=created
playbook verify.yml "${eu[@]}" -e expected=complete -e expected_generate_calls=0 -e expected_id_source=account
unchanged provision.yml "${eu[@]}" -e expected_outcome=unchanged
unchanged provision.yml "${eu[@]}" --check --diff -e expected_outcome=unchanged

# Integration settings are passed through; a second run with them changes nothing. Metrics settings that name no
# namespace have nothing to check against Datadog's catalogue: neither run reads it.
settings=(-e '{"integration_role_account_tags": ["team:platform", "env:prod"],
               "integration_role_aws_regions": {"include_only": ["eu-west-1", "eu-central-1"]},
               "integration_role_metrics_config": {"collect_custom_metrics": true}}')
playbook provision.yml "${eu[@]}" "${settings[@]}" -e expected_outcome=updated
[ "$(emulator_count PATCH '/api/v2/integration/aws/accounts/.*')" -eq 1 ]
unchanged provision.yml "${eu[@]}" "${settings[@]}" -e expected_outcome=unchanged
[ "$(emulator_count GET '/api/v2/integration/aws/(available_namespaces|logs/services)')" -eq 0 ]
playbook verify.yml "${eu[@]}" -e expected=complete -e expected_generate_calls=0 -e expected_id_source=account \
    -e expected_settings=true

# Asked to rotate: a new ID, the integration and the trust policy follow.
playbook provision.yml "${eu[@]}" -e integration_role_rotate=true -e expected_outcome=updated
playbook verify.yml "${eu[@]}" -e expected=complete -e expected_generate_calls=1 -e expected_id_source=v2

# SecurityAudit a user attached stays attached; collecting for Cloud Security attaches it as Datadog's template does.
iam_state attach DatadogEU arn:aws:iam::aws:policy/SecurityAudit
unchanged provision.yml "${eu[@]}" -e expected_outcome=unchanged
playbook verify.yml "${eu[@]}" -e expected=complete -e expected_generate_calls=1 -e expected_id_source=v2 \
    -e '{"expected_others": ["arn:aws:iam::aws:policy/SecurityAudit"]}'

# Teardown, with look-alikes around: another team's role holding policies named as this role's (and as 0.2.0's) in
# its own path, and unmarked policies with hostile numbered names attached to this role. The integration and the
# role's own policies go; every look-alike stays, the hostile ones detached from the role, not deleted; a second
# teardown changes nothing.
iam_state lookalikes DatadogEU
iam_state hostile DatadogEU
iam_state snapshot "$out/foreign.json"
playbook provision.yml "${eu[@]}" -e integration_role_state=absent -e expected_outcome=deleted
playbook verify.yml "${eu[@]}" -e expected=nothing -e expected_generate_calls=1
"$MOTO_PYTHON" - "$out/foreign.json" <<'PYTHON'
import json, subprocess, sys
before = json.load(open(sys.argv[1]))['policies']
after = json.loads(subprocess.check_output([sys.executable, 'files/iam_state.py', 'snapshot', '/dev/stdout']))['policies']
hostile = [arn for arn, policy in before.items() if '99999999999' in arn or 'Policy-150' in arn]
lookalikes = [arn for arn in before if '/team-x/' in arn]
assert len(hostile) == 2 and len(lookalikes) == 2, before
for arn in hostile + lookalikes:
    kept = dict(after[arn], attachments=None)
    assert kept == dict(before[arn], attachments=None), (arn, before[arn], after[arn])
assert all(after[arn]['attachments'] == 0 for arn in hostile) and all(after[arn]['attachments'] == 1 for arn in lookalikes)
assert sorted(after) == sorted(hostile + lookalikes), sorted(after)
PYTHON
unchanged provision.yml "${eu[@]}" -e integration_role_state=absent -e expected_outcome=unchanged

# Datadog acted on the create but its answer was lost: the run reads what Datadog holds and goes on from it.
emulator_control reset
emulator_control faults '{"faults": [{}, {}, {"lose_answer": true}]}'
playbook provision.yml "${eu[@]}" -e expected_outcome=created > "$out/lost.out" 2>&1 || { cat "$out/lost.out"; exit 1; }
cat "$out/lost.out"
warned 'got no usable answer (the answer was lost); what Datadog holds was read back' "$out/lost.out"
playbook verify.yml "${eu[@]}" -e expected=complete -e expected_generate_calls=0 -e expected_id_source=account
[ "$(emulator_count POST /api/v2/integration/aws/accounts)" -eq 1 ]
playbook provision.yml "${eu[@]}" -e integration_role_state=absent

# An ID-first setup interrupted before the integration: the role trusts a generated ID. It is reused if Datadog
# still takes it, and replaced (the trust policy following, in the same run) once it expired after 48 hours.
for expired in false true; do
    emulator_control reset
    playbook trusted_role.yml "${eu[@]}"
    if [ "$expired" = true ]; then
        emulator_control clock '{"advance": 172800}'
    fi
    playbook provision.yml "${eu[@]}" -e expected_outcome=created
    # Reused: one create with the ID. Expired: Datadog refused it, then minted one on a second create.
    playbook verify.yml "${eu[@]}" -e expected=complete -e expected_generate_calls=1 \
        -e "expected_id_source=$([ "$expired" = true ] && echo account || echo v2)"
    [ "$(emulator_count POST /api/v2/integration/aws/accounts)" -eq "$([ "$expired" = true ] && echo 2 || echo 1)" ]
    unchanged provision.yml "${eu[@]}" -e expected_outcome=unchanged
    playbook provision.yml "${eu[@]}" -e integration_role_state=absent
done

# A role of the same name that something else made (EC2 trust, a managed and an inline policy): refused by a run and
# by a teardown, before anything is written in AWS or in Datadog. Adopting it marks it, gives it Datadog's trust
# policy and policies, leaves its own, and says that its inline policy stays in force; a teardown of the adopted role
# refuses to delete that inline policy.
emulator_control reset
iam_state foreign DatadogEU
refused 'was not created by ddog.aws' provision.yml "${eu[@]}"
refused 'was not created by ddog.aws' provision.yml "${eu[@]}" -e integration_role_state=absent
[ "$(emulator_count 'POST|PATCH|PUT|DELETE' '/api/.*')" -eq 0 ]
playbook provision.yml "${eu[@]}" -e adopt=true -e expected_outcome=created > "$out/adopt.out" 2>&1
cat "$out/adopt.out"
warned 'which has inline policies ddog.aws did not write and left in force: S3Access' "$out/adopt.out"
playbook verify.yml "${eu[@]}" -e expected=complete -e expected_generate_calls=0 -e expected_id_source=account \
    -e '{"expected_others": ["arn:aws:iam::123456789012:policy/WebTier"]}'
refused 'inline policies ddog.aws did not write: S3Access' provision.yml "${eu[@]}" -e integration_role_state=absent

# Datadog integrates the account with another role, or with access keys: refused by a run and by a teardown, before
# anything is written anywhere.
for holder in '{"aws_account_id": "123456789012", "role_name": "AnotherTeamsRole"}' \
              '{"aws_account_id": "123456789012", "access_key_id": "AKIAIOSFODNN7EXAMPLE"}'; do
    emulator_control reset
    emulator_control accounts "$holder"
    refused 'Datadog integrates AWS account 123456789012 with' provision.yml "${eu[@]}" -e iam_role=DatadogHeld
    refused 'Nothing was changed' provision.yml "${eu[@]}" -e iam_role=DatadogHeld -e integration_role_state=absent
done

# What 0.2.0 left (no mark, its descriptions, DatadogIntegrationPolicy-N, an instance profile): recognized and marked
# by the next run, its policies and instance profile replaced; or taken down whole by a teardown.
for next in present absent; do
    emulator_control reset
    reset_moto
    playbook legacy.yml "${eu[@]}" -e iam_role=Datadog020
    [ "$(iam_state read Datadog020 | "$MOTO_PYTHON" -c 'import json, sys; print(json.load(sys.stdin)["instance_profiles"])')" = "['Datadog020']" ]
    if [ "$next" = present ]; then
        playbook provision.yml "${eu[@]}" -e iam_role=Datadog020 -e expected_outcome=updated
        playbook verify.yml "${eu[@]}" -e iam_role=Datadog020 -e expected=complete -e expected_generate_calls=0 \
            -e expected_id_source=account
        unchanged provision.yml "${eu[@]}" -e iam_role=Datadog020 -e expected_outcome=unchanged
    fi
    playbook provision.yml "${eu[@]}" -e iam_role=Datadog020 -e integration_role_state=absent -e expected_outcome=deleted
    [ "$(iam_state read Datadog020)" = '{"exists": false, "leftover_policies": []}' ]
    "$MOTO_PYTHON" - <<'PYTHON'
import json, subprocess, sys
view = json.loads(subprocess.check_output([sys.executable, 'files/iam_state.py', 'snapshot', '/dev/stdout']))
assert not any('DatadogIntegrationPolicy' in arn for arn in view['policies']), view['policies']
assert 'Datadog020' not in view['instance_profiles'], view['instance_profiles']
PYTHON
done

# Two Datadog organizations (prod and staging, two emulators) integrating one AWS account, each with a role of its
# own: their policies are named after their roles, and tearing one down leaves the other whole.
emulator_control reset
reset_moto
"$EMULATOR_PYTHON" "$EMULATOR_SCRIPT" start --state-dir "$EMULATOR_DIR/staging" > "$out/staging.json"
trap 'stop_moto; "$EMULATOR_PYTHON" "$EMULATOR_SCRIPT" stop --state-dir "$EMULATOR_DIR/staging" > /dev/null; stop_datadog_emulator' EXIT
staging=(-e "@$out/staging.json" -e iam_role=DatadogStaging)
playbook provision.yml "${eu[@]}" -e iam_role=DatadogProd -e expected_outcome=created
playbook provision.yml "${eu[@]}" "${staging[@]}" -e expected_outcome=created
iam_state snapshot "$out/foreign.json"
playbook provision.yml "${eu[@]}" -e iam_role=DatadogProd -e integration_role_state=absent -e expected_outcome=deleted
foreign_unchanged DatadogProd
playbook verify.yml "${eu[@]}" "${staging[@]}" -e expected=complete -e expected_generate_calls=0 -e expected_id_source=account
unchanged provision.yml "${eu[@]}" "${staging[@]}" -e expected_outcome=unchanged

# An organization's guardrails, set as the role and its policies are created (SCPs often require them): a path, a
# permissions boundary, a maximum session duration, tags. A rerun changes nothing.
emulator_control reset
"$MOTO_PYTHON" -c 'import boto3, json, os; boto3.client("iam", region_name=os.environ["AWS_REGION"]).create_policy(
    PolicyName="Boundary", Path="/platform/", PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "*", "Resource": "*"}]}))'
guardrails=(-e iam_role=DatadogGuarded -e '{"integration_role_path": "/datadog/",
            "integration_role_permissions_boundary": "arn:aws:iam::123456789012:policy/platform/Boundary",
            "integration_role_max_session_duration": 7200, "integration_role_iam_tags": {"CostCenter": "platform"}}')
playbook provision.yml "${eu[@]}" "${guardrails[@]}" -e expected_outcome=created
iam_state read DatadogGuarded | "$MOTO_PYTHON" -c 'import json, sys
role = json.load(sys.stdin)
assert role["arn"].endswith(":role/datadog/DatadogGuarded") and role["path"] == "/datadog/", role
assert role["boundary"] == "arn:aws:iam::123456789012:policy/platform/Boundary" and role["max_session_duration"] == 7200
assert role["tags"]["CostCenter"] == "platform" and role["marked"]
assert len(role["policies"]) >= 2 and all(policy["path"] == "/datadog/" and policy["tags"]["CostCenter"] == "platform"
                                          for policy in role["policies"]), role["policies"]'
unchanged provision.yml "${eu[@]}" "${guardrails[@]}" -e expected_outcome=unchanged
playbook provision.yml "${eu[@]}" "${guardrails[@]}" -e integration_role_state=absent -e expected_outcome=deleted

# GovCloud partition from the US1-FED site.
emulator_control reset
gov=(-e datadog_site=ddog-gov.com -e aws_partition=aws-us-gov -e aws_region=us-gov-west-1 -e iam_role=DatadogGov
     -e expected_principal=arn:aws-us-gov:iam::065115117704:root)
AWS_REGION=us-gov-west-1 playbook provision.yml "${gov[@]}"
AWS_REGION=us-gov-west-1 playbook verify.yml "${gov[@]}" -e expected=complete -e expected_generate_calls=0 -e expected_id_source=account
AWS_REGION=us-gov-west-1 unchanged provision.yml "${gov[@]}"

# AP1 site, an account Datadog already integrates: its ID is reused, nothing is generated or written to Datadog. The
# integration (as recorded) collects for Cloud Security, so AWS's SecurityAudit is attached, as Datadog's template does.
emulator_control reset
emulator_control accounts '{"aws_account_id": "123456789012", "role_name": "DatadogAP1"}'
ap1=(-e datadog_site=ap1.datadoghq.com -e aws_partition=aws -e aws_region=ap-southeast-1 -e iam_role=DatadogAP1
     -e expected_principal=arn:aws:iam::417141415827:root)
playbook provision.yml "${ap1[@]}" -e expected_outcome=updated
playbook verify.yml "${ap1[@]}" -e expected=complete -e expected_generate_calls=0 -e expected_id_source=seed \
    -e '{"expected_others": ["arn:aws:iam::aws:policy/SecurityAudit"]}'
[ "$(datadog_writes)" -eq 0 ]
unchanged provision.yml "${ap1[@]}"

# A role name other than the one Datadog knows for the integrated account: refused before anything changes.
refused 'with the role DatadogAP1, not with the role DatadogOther' provision.yml "${ap1[@]}" -e iam_role=DatadogOther

# Check mode for an account with nothing yet: nothing is created anywhere, nothing is generated.
emulator_control reset
us5=(-e datadog_site=us5.datadoghq.com -e aws_partition=aws -e aws_region=us-west-2 -e iam_role=DatadogCheck
     -e expected_principal=arn:aws:iam::464622532012:root)
iam_state snapshot "$out/before.json"
playbook provision.yml "${us5[@]}" --check --diff -e expected_outcome=created > "$out/check.out"
cat "$out/check.out"
grep -q '"ddog.aws:managed-by": "ddog.aws"' "$out/check.out"
iam_state unchanged "$out/before.json"
playbook verify.yml "${us5[@]}" -e expected=nothing -e expected_generate_calls=0
