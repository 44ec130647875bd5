#!/usr/bin/env bash
# datadog_aws_event_bridge and datadog_aws_event_bridge_info through ansible-playbook against the Datadog API
# emulator, and their examples.
set -eux

# Setup (the emulator is stopped on exit, whatever happens).
# shellcheck source-path=SCRIPTDIR source=../setup_datadog_emulator/emulator.sh
source ../setup_datadog_emulator/emulator.sh
trap stop_datadog_emulator EXIT
start_datadog_emulator --account 123456789012:DatadogIntegrationRole

# Test.
ansible-playbook -i ../../inventory -e "@${EMULATOR_VARS}" playbook.yml "$@"
