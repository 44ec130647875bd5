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

playbook() {
    ansible-playbook -i ../../inventory -e "@${EMULATOR_VARS}" "$@"
}

# A run that must change nothing: its recap says changed=0.
unchanged() {
    playbook "$@" | tee "${OUTPUT_DIR:-/tmp}/unchanged.out"
    grep -Eq 'localhost +: ok=[0-9]+ +changed=0 ' "${OUTPUT_DIR:-/tmp}/unchanged.out"
}

# EU site, an account Datadog does not integrate yet: one ID is generated, then reused.
eu=(-e datadog_site=datadoghq.eu -e aws_partition=aws -e aws_region=eu-west-1 -e iam_role=DatadogEU
    -e expected_principal=arn:aws:iam::464622532012:root)
playbook provision.yml "${eu[@]}"
playbook verify.yml "${eu[@]}" -e expected_generate_calls=1 -e expected_id=newest
unchanged provision.yml "${eu[@]}"
unchanged provision.yml "${eu[@]}" --check
playbook verify.yml "${eu[@]}" -e expected_generate_calls=1 -e expected_id=newest

# Asked to rotate: a new ID, and the trust policy follows.
playbook provision.yml "${eu[@]}" -e integration_role_rotate=true
playbook verify.yml "${eu[@]}" -e expected_generate_calls=2 -e expected_id=newest

# GovCloud partition from the US1-FED site.
emulator_control reset
gov=(-e datadog_site=ddog-gov.com -e aws_partition=aws-us-gov -e aws_region=us-gov-west-1 -e iam_role=DatadogGov
     -e expected_principal=arn:aws-us-gov:iam::065115117704:root)
playbook provision.yml "${gov[@]}"
playbook verify.yml "${gov[@]}" -e expected_generate_calls=1 -e expected_id=newest
unchanged provision.yml "${gov[@]}"

# AP1 site, an account Datadog already integrates: its ID is reused and nothing is generated.
emulator_control reset
emulator_control accounts '{"aws_account_id": "123456789012", "role_name": "DatadogAP1"}'
ap1=(-e datadog_site=ap1.datadoghq.com -e aws_partition=aws -e aws_region=ap-southeast-1 -e iam_role=DatadogAP1
     -e expected_principal=arn:aws:iam::417141415827:root)
playbook provision.yml "${ap1[@]}"
playbook verify.yml "${ap1[@]}" -e expected_generate_calls=0 -e expected_id=integrated
unchanged provision.yml "${ap1[@]}"

# A role name other than the one Datadog knows for the integrated account: refused before anything changes.
if playbook provision.yml "${ap1[@]}" -e iam_role=DatadogOther > "${OUTPUT_DIR:-/tmp}/mismatch.out" 2>&1; then
    echo "provisioning a role Datadog does not use should have failed" >&2
    exit 1
fi
grep -q 'with the role DatadogAP1, not with the role DatadogOther' "${OUTPUT_DIR:-/tmp}/mismatch.out"
playbook verify.yml "${ap1[@]}" -e iam_role=DatadogOther -e expected_generate_calls=0 -e expected_id=none

# Check mode for a role that does not exist yet: nothing is created, nothing is generated.
emulator_control reset
us5=(-e datadog_site=us5.datadoghq.com -e aws_partition=aws -e aws_region=us-west-2 -e iam_role=DatadogCheck
     -e expected_principal=arn:aws:iam::464622532012:root)
playbook provision.yml "${us5[@]}" --check
playbook verify.yml "${us5[@]}" -e expected_generate_calls=0 -e expected_id=none
