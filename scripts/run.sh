#!/usr/bin/env bash
# One command to run the portal: installs what is missing, builds the app and the server in
# release mode, then serves both (SQLite at data/portal.db, http://127.0.0.1:8080 by default).
# Flags after the command go to `fwportal serve` (--addr, --database, --dist; or FWPORTAL_*).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/setup.sh" --app
cd "$ROOT"
# The customer's apps (dist, dist-journey, dist-followup) and the desk's (dist-desk, served
# under /desk/), each its own trunk build.
source "$ROOT/scripts/build-apps.sh"
say "building the server (release)"
cargo build --release -p fwportal-server
exec "${CARGO_TARGET_DIR:-$ROOT/target}/release/fwportal" serve "$@"
