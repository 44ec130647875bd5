#!/usr/bin/env bash
# datadog_aws_account_info as users run it: ansible-playbook and ad-hoc ansible, against the Datadog API emulator.
set -eux

# shellcheck source-path=SCRIPTDIR source=../setup_datadog_emulator/emulator.sh
source ../setup_datadog_emulator/emulator.sh
trap stop_datadog_emulator EXIT
start_datadog_emulator --account 111111111111:DatadogIntegrationRole --account 222222222222:OtherRole

ansible-playbook -i ../../inventory -e "@${EMULATOR_VARS}" playbook.yml "$@"

# Ad hoc, credentials from the environment, in check mode (it only reads).
(emulator_environment; ansible localhost -i ../../inventory -m ddog.aws.datadog_aws_account_info --check) \
    > "${EMULATOR_DIR}/adhoc.out" 2>&1 || { cat "${EMULATOR_DIR}/adhoc.out"; exit 1; }
grep -q '"aws_account_id": "111111111111"' "${EMULATOR_DIR}/adhoc.out"
grep -q '"aws_account_id": "222222222222"' "${EMULATOR_DIR}/adhoc.out"
