#!/usr/bin/env bash
# ddog.aws.integration_role end to end: the Datadog API emulator stands in for Datadog, moto for AWS IAM.
set -eux

# Setup (both are stopped on exit, whatever happens).
# shellcheck source-path=SCRIPTDIR source=../setup_datadog_emulator/emulator.sh
source ../setup_datadog_emulator/emulator.sh
# shellcheck source-path=SCRIPTDIR source=../setup_moto/moto.sh
source ../setup_moto/moto.sh
trap 'stop_moto; stop_datadog_emulator' EXIT
start_datadog_emulator --rate-limit 1000
start_moto

out="${OUTPUT_DIR:-/tmp}"

playbook() {
    ansible-playbook -i ../../inventory -e "@${EMULATOR_VARS}" "$@"
}

# A run that must change nothing, in AWS or in Datadog: its recap says changed=0, and Datadog got no write.
unchanged() {
    local writes
    writes="$(emulator_count 'POST|PATCH|PUT|DELETE' '/api/.*')"
    playbook "$@" > "$out/unchanged.out" || { cat "$out/unchanged.out"; return 1; }
    cat "$out/unchanged.out"
    grep -Eq 'localhost +: ok=[0-9]+ +changed=0 +unreachable=0 +failed=0 ' "$out/unchanged.out"
    [ "$(emulator_count 'POST|PATCH|PUT|DELETE' '/api/.*')" -eq "$writes" ]
}

# Run provision.yml, killed right after the task named $1; it must not have finished.
interrupted_after() {
    local task="$1"
    shift
    if INTERRUPT_AFTER="$task" ANSIBLE_CALLBACK_PLUGINS=callback_plugins ANSIBLE_CALLBACKS_ENABLED=interrupt \
            playbook provision.yml "$@" > "$out/interrupted.out"; then
        cat "$out/interrupted.out"
        echo "the run was not interrupted after: $task" >&2
        return 1
    fi
    grep -q "INTERRUPTED after: $task" "$out/interrupted.out"
    # Nothing of it lives on: a worker left behind would also keep ansible-test waiting for its output.
    local process leftovers=0
    for process in /proc/[0-9]*; do
        if grep -qzxF "INTERRUPT_AFTER=$task" "$process/environ" 2>/dev/null; then
            echo "a process of the interrupted run lives on: ${process#/proc/}" >&2
            kill -9 "${process#/proc/}" || true
            leftovers=$((leftovers + 1))
        fi
    done
    [ "$leftovers" -eq 0 ]
}

# EU site, an account Datadog does not integrate yet: Datadog mints the ID on create, nothing is generated.
eu=(-e datadog_site=datadoghq.eu -e aws_partition=aws -e aws_region=eu-west-1 -e iam_role=DatadogEU
    -e expected_principal=arn:aws:iam::464622532012:root)
playbook provision.yml "${eu[@]}" -e expected_outcome=created
playbook verify.yml "${eu[@]}" -e expected=complete -e expected_generate_calls=0 -e expected_id_source=account
unchanged provision.yml "${eu[@]}" -e expected_outcome=unchanged
unchanged provision.yml "${eu[@]}" --check -e expected_outcome=unchanged

# Integration settings are passed through; a second run with them changes nothing.
settings=(-e '{"integration_role_account_tags": ["team:platform", "env:prod"],
               "integration_role_aws_regions": {"include_only": ["eu-west-1", "eu-central-1"]},
               "integration_role_metrics_config": {"collect_custom_metrics": true}}')
playbook provision.yml "${eu[@]}" "${settings[@]}" -e expected_outcome=updated
[ "$(emulator_count PATCH '/api/v2/integration/aws/accounts/.*')" -eq 1 ]
unchanged provision.yml "${eu[@]}" "${settings[@]}" -e expected_outcome=unchanged
playbook verify.yml "${eu[@]}" -e expected=complete -e expected_generate_calls=0 -e expected_id_source=account \
    -e expected_settings=true

# Asked to rotate: a new ID, the integration and the trust policy follow.
playbook provision.yml "${eu[@]}" -e integration_role_rotate=true -e expected_outcome=updated
playbook verify.yml "${eu[@]}" -e expected=complete -e expected_generate_calls=1 -e expected_id_source=v2

# Teardown: the integration, the role and its policies go, also one attached beyond what Datadog's permissions need
# now; a second teardown changes nothing.
playbook extra_policy.yml "${eu[@]}"
playbook provision.yml "${eu[@]}" -e integration_role_state=absent -e expected_outcome=deleted
playbook verify.yml "${eu[@]}" -e expected=nothing -e expected_generate_calls=1
unchanged provision.yml "${eu[@]}" -e integration_role_state=absent -e expected_outcome=unchanged

# A run interrupted after each step that writes, then run again: complete, and a third run changes nothing.
for task in "Datadog's integration of the account, naming the role" "Write the permissions as managed policies" \
            "Create or update the role Datadog assumes"; do
    emulator_control reset
    playbook provision.yml "${eu[@]}" -e integration_role_state=absent
    interrupted_after "$task" "${eu[@]}"
    playbook provision.yml "${eu[@]}"
    playbook verify.yml "${eu[@]}" -e expected=complete -e expected_generate_calls=0 -e expected_id_source=account
    unchanged provision.yml "${eu[@]}" -e expected_outcome=unchanged
done

# Datadog acted on the create but its answer was lost: the run fails, the next one finds the integration.
emulator_control reset
playbook provision.yml "${eu[@]}" -e integration_role_state=absent
emulator_control faults '{"faults": [{}, {}, {}, {"lose_answer": true}]}'
if playbook provision.yml "${eu[@]}" > "$out/lost.out" 2>&1; then
    echo "a lost answer to the create should have failed the run" >&2
    exit 1
fi
grep -q 'may have been created: run the task again' "$out/lost.out"
playbook provision.yml "${eu[@]}"
playbook verify.yml "${eu[@]}" -e expected=complete -e expected_generate_calls=0 -e expected_id_source=account
[ "$(emulator_count POST /api/v2/integration/aws/accounts)" -eq 1 ]

# An ID-first setup interrupted before the integration: the role trusts a generated ID. It is reused if Datadog
# still takes it, and replaced (the trust policy following, in the same run) once it expired after 48 hours.
for expired in false true; do
    emulator_control reset
    playbook provision.yml "${eu[@]}" -e integration_role_state=absent
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
done

# GovCloud partition from the US1-FED site.
emulator_control reset
gov=(-e datadog_site=ddog-gov.com -e aws_partition=aws-us-gov -e aws_region=us-gov-west-1 -e iam_role=DatadogGov
     -e expected_principal=arn:aws-us-gov:iam::065115117704:root)
playbook provision.yml "${gov[@]}"
playbook verify.yml "${gov[@]}" -e expected=complete -e expected_generate_calls=0 -e expected_id_source=account
unchanged provision.yml "${gov[@]}"

# AP1 site, an account Datadog already integrates: its ID is reused, nothing is generated or written to Datadog.
emulator_control reset
emulator_control accounts '{"aws_account_id": "123456789012", "role_name": "DatadogAP1"}'
ap1=(-e datadog_site=ap1.datadoghq.com -e aws_partition=aws -e aws_region=ap-southeast-1 -e iam_role=DatadogAP1
     -e expected_principal=arn:aws:iam::417141415827:root)
playbook provision.yml "${ap1[@]}" -e expected_outcome=updated
playbook verify.yml "${ap1[@]}" -e expected=complete -e expected_generate_calls=0 -e expected_id_source=seed
[ "$(emulator_count 'POST|PATCH|PUT|DELETE' '/api/.*')" -eq 0 ]
unchanged provision.yml "${ap1[@]}"

# A role name other than the one Datadog knows for the integrated account: refused before anything changes.
if playbook provision.yml "${ap1[@]}" -e iam_role=DatadogOther > "$out/mismatch.out" 2>&1; then
    echo "provisioning a role Datadog does not use should have failed" >&2
    exit 1
fi
grep -q 'with the role DatadogAP1, not with the role DatadogOther' "$out/mismatch.out"

# Check mode for an account with nothing yet: nothing is created anywhere, nothing is generated.
emulator_control reset
us5=(-e datadog_site=us5.datadoghq.com -e aws_partition=aws -e aws_region=us-west-2 -e iam_role=DatadogCheck
     -e expected_principal=arn:aws:iam::464622532012:root)
playbook provision.yml "${us5[@]}" --check -e expected_outcome=created
playbook verify.yml "${us5[@]}" -e expected=nothing -e expected_generate_calls=0
