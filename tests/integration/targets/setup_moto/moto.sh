# shellcheck shell=bash
# Sourced by the runme.sh of targets that need an AWS stand-in (alias needs/target/setup_moto):
# moto in server mode on loopback, with the AWS_* variables that point boto3 and amazon.aws at it.
#
#   start_moto    start it; export AWS_URL (amazon.aws), AWS_ENDPOINT_URL (boto3), fake AWS_ACCESS_KEY_ID and
#                 AWS_SECRET_ACCESS_KEY, AWS_REGION and MOTO_URL
#   reset_moto    forget everything moto holds
#   moto_requests how many AWS requests moto has answered since it started
#   stop_moto     stop it: runme.sh traps EXIT to call it

MOTO_PYTHON="${ANSIBLE_TEST_PYTHON_INTERPRETER:-python3}"
MOTO_PID=""

start_moto() {
    local port
    port="$("$MOTO_PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    "$MOTO_PYTHON" -m moto.server -H 127.0.0.1 -p "$port" > "${OUTPUT_DIR:-/tmp}/moto.log" 2>&1 &
    MOTO_PID=$!
    MOTO_URL="http://127.0.0.1:${port}"
    "$MOTO_PYTHON" - "$MOTO_URL" <<'PYTHON'
import sys, time, urllib.request
deadline = time.time() + 60
while True:
    try:
        urllib.request.urlopen(sys.argv[1] + '/moto-api/', timeout=2)
        break
    except OSError:
        if time.time() > deadline:
            sys.exit('moto did not start within 60 seconds')
        time.sleep(0.2)
PYTHON
    # Fake credentials for moto's default account 123456789012; never real ones.
    export MOTO_URL AWS_URL="$MOTO_URL" AWS_ENDPOINT_URL="$MOTO_URL" AWS_ACCESS_KEY_ID=testing \
        AWS_SECRET_ACCESS_KEY=testing AWS_REGION=us-east-1
    unset AWS_PROFILE AWS_SESSION_TOKEN AWS_SECURITY_TOKEN
}

reset_moto() {
    "$MOTO_PYTHON" -c 'import sys, urllib.request; urllib.request.urlopen(urllib.request.Request(
        sys.argv[1] + "/moto-api/reset", data=b"", method="POST"), timeout=30).close()' "$MOTO_URL"
}

moto_requests() {
    # moto's web server logs a line per request; AWS's APIs are all POSTs to /, moto's own are not.
    grep -c '"POST / HTTP/1.1"' "${OUTPUT_DIR:-/tmp}/moto.log" || true
}

stop_moto() {
    if [ -n "$MOTO_PID" ]; then
        kill "$MOTO_PID" 2> /dev/null || true
        wait "$MOTO_PID" 2> /dev/null || true
    fi
}
