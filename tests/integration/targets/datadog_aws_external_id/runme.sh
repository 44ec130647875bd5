#!/usr/bin/env bash
# The module as users run it: ansible-playbook and ad-hoc ansible, against the Datadog API emulator.
set -eux

# Setup (the emulator is stopped on exit, whatever happens).
# shellcheck source-path=SCRIPTDIR source=../setup_datadog_emulator/emulator.sh
source ../setup_datadog_emulator/emulator.sh
trap stop_datadog_emulator EXIT
start_datadog_emulator --account 123456789012:DatadogIntegrationRole

# Test: the playbooks.
ansible-playbook -i ../../inventory -e "@${EMULATOR_VARS}" playbook.yml "$@"

# Test: keys never appear in -vvv output, of a success or of a failure.
set +x
ansible-playbook -vvv -i ../../inventory -e "@${EMULATOR_VARS}" leak_check.yml > "${EMULATOR_DIR}/vvv.out" 2>&1 \
    || { cat "${EMULATOR_DIR}/vvv.out"; exit 1; }
grep -q 'no key in sight' "${EMULATOR_DIR}/vvv.out"
for key in "${EMULATOR_API_KEY}" "${EMULATOR_APP_KEY}" "wrong-app-key-that-must-stay-secret"; do
    if grep -qF -- "${key}" "${EMULATOR_DIR}/vvv.out"; then
        echo "A key appeared in the -vvv output of leak_check.yml" >&2
        exit 1
    fi
done

# Test: an ad-hoc command, credentials from the environment.
before=$(emulator_journal | grep -c '"method": "POST"' || true)
(emulator_environment; ansible localhost -i ../../inventory -m ddog.aws.datadog_aws_external_id -vvv) \
    > "${EMULATOR_DIR}/adhoc.out" 2>&1 || { cat "${EMULATOR_DIR}/adhoc.out"; exit 1; }
grep -Eq '"external_id": "[0-9a-f]{32}"' "${EMULATOR_DIR}/adhoc.out"
grep -q '"api_version": "v2"' "${EMULATOR_DIR}/adhoc.out"
after=$(emulator_journal | grep -c '"method": "POST"')
[ "$after" -eq $((before + 1)) ]
for key in "${EMULATOR_API_KEY}" "${EMULATOR_APP_KEY}"; do
    if grep -qF -- "${key}" "${EMULATOR_DIR}/adhoc.out"; then
        echo "A key appeared in the -vvv output of the ad-hoc command" >&2
        exit 1
    fi
done
echo "ad-hoc command and -vvv leak checks passed"
