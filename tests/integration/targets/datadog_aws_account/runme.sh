#!/usr/bin/env bash
# datadog_aws_account as users run it: ansible-playbook against the Datadog API emulator.
set -eux

# shellcheck source-path=SCRIPTDIR source=../setup_datadog_emulator/emulator.sh
source ../setup_datadog_emulator/emulator.sh
trap stop_datadog_emulator EXIT
# shellcheck disable=SC2119 # no option: the emulator starts with no integration at all
start_datadog_emulator

ansible-playbook -i ../../inventory -e "@${EMULATOR_VARS}" playbook.yml "$@"

# Key authentication at -vvv, with --diff: the secret access key appears nowhere.
set +x
ansible-playbook -vvv --diff -i ../../inventory -e "@${EMULATOR_VARS}" access_keys.yml > "${EMULATOR_DIR}/vvv.out" 2>&1 \
    || { cat "${EMULATOR_DIR}/vvv.out"; exit 1; }
grep -q 'access keys checked' "${EMULATOR_DIR}/vvv.out"
for secret in wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY rotated-secret-0123456789abcdef "${EMULATOR_API_KEY}" "${EMULATOR_APP_KEY}"; do
    if grep -qF -- "${secret}" "${EMULATOR_DIR}/vvv.out"; then
        echo "A secret appeared in the -vvv output of access_keys.yml" >&2
        exit 1
    fi
done
echo "the secret access key stayed out of -vvv output"
