#!/usr/bin/env bash
# The client's trust boundary through ansible-playbook: redirects, keys that are no header values, URLs the
# loopback check must refuse, proxies, lost answers, secrets echoed where a message is cut, filters given the wrong
# shapes. Servers of the tests' own journal who received what.
set -eux

# shellcheck source-path=SCRIPTDIR source=../setup_datadog_emulator/emulator.sh
source ../setup_datadog_emulator/emulator.sh
trap stop_datadog_emulator EXIT
start_datadog_emulator --account 123456789012:DatadogIntegrationRole

# Another host in clear, another host over TLS (its CA trusted too, so only the client's own refusal protects the
# keys), a proxy, and a plain-HTTP loopback "Datadog". Each answers as Datadog would, so following them would work.
answer='{"status": 200, "body": {"external_id": "d71656bcf0984f02848265fd12d01d97", "data": {"attributes": {"external_id": "d71656bcf0984f02848265fd12d01d97"}}}}'
start_misbehaving_server elsewhere --host 127.0.0.2 --act "$answer"
start_misbehaving_server elsewhere_tls --host 127.0.0.2 --tls --act "$answer"
start_misbehaving_server proxy --host 127.0.0.3 --act '{"status": 502}'
start_misbehaving_server plain_datadog --host 127.0.0.2 --act "$answer"
# A "Datadog" that echoes a secret access key across the point where an error text is cut (300 characters).
echo_act="{\"status\": 400, \"body\": {\"errors\": [\"$(printf 'x%.0s' $(seq 1 250)) rejected secret_access_key=wJalrXUtnFEMI-echoed-secret-K7MDENG\"]}}"
start_misbehaving_server echoing --act '{"status": 200, "body": {"data": []}}' --act "$echo_act"
cat "$EMULATOR_CA" "$(misbehaving_setting elsewhere_tls ca)" > "$EMULATOR_DIR/both-ca.pem"

servers=(-e "elsewhere_url=$(misbehaving_setting elsewhere url)" -e "elsewhere_tls_url=$(misbehaving_setting elsewhere_tls url)"
         -e "proxy_url=$(misbehaving_setting proxy url)" -e "plain_datadog_url=$(misbehaving_setting plain_datadog url)"
         -e "both_ca=$EMULATOR_DIR/both-ca.pem" -e "echoing_url=$(misbehaving_setting echoing url)"
         -e echoed_secret=wJalrXUtnFEMI-echoed-secret-K7MDENG)

set +x
for verbosity in "" -vvv; do
    ansible-playbook ${verbosity} -i ../../inventory -e "@${EMULATOR_VARS}" "${servers[@]}" playbook.yml "$@" \
        > "${EMULATOR_DIR}/run${verbosity}.out" 2>&1 || { cat "${EMULATOR_DIR}/run${verbosity}.out"; exit 1; }
    # The keys, each half of the refused ones, and the secret access key and each piece of it appear nowhere: not at
    # default verbosity, not at -vvv.
    for secret in "${EMULATOR_API_KEY}" "${EMULATOR_APP_KEY}" refused-key-abc123XYZ tail987-of-the-key \
                  wJalrXUtnFEMI echoed-secret K7MDENG; do
        if grep -qF -- "${secret}" "${EMULATOR_DIR}/run${verbosity}.out"; then
            echo "A key appeared in the output of playbook.yml ${verbosity}" >&2
            exit 1
        fi
    done
    grep -q 'trust boundary held' "${EMULATOR_DIR}/run${verbosity}.out"
done

# Nothing reached another host, and the proxy saw nothing of loopback traffic.
for server in elsewhere elsewhere_tls proxy; do
    if [ "$(misbehaving_requests "$server")" -ne 0 ]; then
        echo "$server received requests:" >&2
        cat "$EMULATOR_DIR/$server/journal.jsonl" >&2
        exit 1
    fi
done
# The plain-HTTP loopback Datadog got its calls directly, twice (one per verbosity), with the keys.
[ "$(misbehaving_requests plain_datadog)" -eq 2 ]
[ "$(grep -c '"carried_keys": true' "$EMULATOR_DIR/plain_datadog/journal.jsonl")" -eq 2 ]
echo "trust boundary checks passed"
