#!/usr/bin/env bash
# Property-based test of the intake API from its own OpenAPI document, with schemathesis
# (https://schemathesis.readthedocs.io): builds the server, starts it on a free port with a
# fresh database in a temporary folder, runs every check schemathesis has against
# /api/openapi.json, stops the server. Not part of scripts/test.sh (it needs Python and PyPI).
#
#   ./scripts/schemathesis.sh              # 200 examples an operation
#   ./scripts/schemathesis.sh -n 1000      # more; any other `st run` option goes through
#
# schemathesis is installed into a virtualenv (default /tmp/st; ST_VENV changes it).
# One finding is expected and is the design: `GET /api/requests/{reference}` answers 404,
# not 401, without a token (README, "The intake API"), which the `ignored_auth` check reports.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${ST_VENV:-/tmp/st}"
cd "$ROOT"

if [ ! -x "$VENV/bin/st" ]; then
  echo "schemathesis: installing into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet schemathesis
fi

cargo build --release -p fwportal-server
BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/fwportal"
WORK="$(mktemp -d)"
PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
# Generous limits: schemathesis sends thousands of requests from one address.
"$BIN" serve --addr "127.0.0.1:$PORT" --database "$WORK/portal.db" --dist "$WORK/dist" \
  --rate-burst 1000000 --lookup-burst 1000000 >"$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 50); do
  curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done

[ "$#" -gt 0 ] || set -- -n 200
"$VENV/bin/st" run "http://127.0.0.1:$PORT/api/openapi.json" --checks all "$@"
