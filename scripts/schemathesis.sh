#!/usr/bin/env bash
# Property-based test of the intake API from its own OpenAPI document, with schemathesis
# (https://schemathesis.readthedocs.io): builds the server, starts it on a free port with a
# fresh database in a temporary folder, runs every check schemathesis has against
# /api/openapi.json, stops the server. Not part of scripts/test.sh (it needs Python and PyPI).
#
#   ./scripts/schemathesis.sh              # 200 examples an operation
#   ./scripts/schemathesis.sh -n 1000      # more; any other `st run` option goes through
#   FWPORTAL_BIN=target/debug/fwportal ./scripts/schemathesis.sh   # no release build
#
# schemathesis is installed into a virtualenv (default /tmp/st; ST_VENV changes it).
# One finding is expected and is the design: `GET /api/requests/{reference}` and the customer's
# routes under it answer 404, not 401, without a token (README, "The intake API"); two checks
# report it, ST203 (missing required header) and ST401 (request without authentication).
# Anything else is a fault.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${ST_VENV:-/tmp/st}"
cd "$ROOT"

if [ ! -x "$VENV/bin/st" ]; then
  echo "schemathesis: installing into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet schemathesis
fi

# FWPORTAL_BIN runs an already built binary (e.g. the debug one the tests use) instead.
if [ -n "${FWPORTAL_BIN:-}" ]; then
  BIN="$FWPORTAL_BIN"
else
  cargo build --release -p fwportal-server
  BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/fwportal"
fi
WORK="$(mktemp -d)"
# One operator catalogue (issue 17), so that `GET /api/catalogs/{name}` and
# `POST /api/catalogs/{name}/analysis` are exercised past their 404 (schemathesis.toml names it).
mkdir -p "$WORK/catalogs"
cp "$ROOT/crates/core/tests/fixtures/firmware/fwrepo_gen10.json" "$WORK/catalogs/SPP 2025.07.00.00.json"
PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
# Generous limits: schemathesis sends thousands of requests from one address.
"$BIN" serve --addr "127.0.0.1:$PORT" --database "$WORK/portal.db" --dist "$WORK/dist" \
  --catalogs "$WORK/catalogs" --rate-burst 1000000 --lookup-burst 1000000 >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 50); do
  curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done

# One accepted request (work date 60 days ahead, a running contract), so the look-up is
# exercised with a real reference and access key and not only its 404.
python3 - "$WORK/accepted.json" "http://127.0.0.1:$PORT" <<'PY'
import datetime, json, sys, urllib.request, uuid
today = datetime.date.today()
day = lambda n: (today + datetime.timedelta(days=n)).isoformat()
body = {
    "kind": "update_work",
    "contact": {"company": "株式会社サンプル", "name": "山田 太郎",
                "email": "yamada@example.co.jp", "phone": "03-1234-5678"},
    "contract": {"number": "PC-SCHEMATHESIS", "support_level": "proactive_care",
                 "proactive_care_start": day(-30), "proactive_care_end": day(1000),
                 "option_start": day(-30), "option_end": day(1000)},
    "servers": [{"model": "HPE ProLiant DL380 Gen10 Plus", "serial_number": "CZJ1234567",
                 "firmware": []}],
    "update_method": "spp", "target_version": "SPP 2027.03.0",
    "work_date": day(60), "work_start_time": "09:00", "alternative_work_date": "",
    "site_address": "東京都江東区有明1-2-3", "onsite_contact": "",
    "acknowledgements": ["R9", "R12", "R13", "R14", "R15", "R16", "C3", "C4", "C5"],
    "notes": "", "privacy_consent": True,
}
request = urllib.request.Request(
    sys.argv[2] + "/api/requests", data=json.dumps(body).encode(), method="POST",
    headers={"Content-Type": "application/json", "Idempotency-Key": str(uuid.uuid4())})
with urllib.request.urlopen(request) as answer:
    open(sys.argv[1], "w").write(answer.read().decode())
PY
FWPORTAL_ST_REFERENCE="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["reference"])' "$WORK/accepted.json")"
FWPORTAL_ST_TOKEN="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["access_token"])' "$WORK/accepted.json")"
export FWPORTAL_ST_REFERENCE FWPORTAL_ST_TOKEN

[ "$#" -gt 0 ] || set -- -n 200
# From the temporary folder: schemathesis keeps its example database (.schemathesis/) in the
# working directory, and it does not belong in the repository.
cd "$WORK"
"$VENV/bin/st" --config-file "$ROOT/scripts/schemathesis.toml" \
  run "http://127.0.0.1:$PORT/api/openapi.json" --checks all "$@"
