#!/usr/bin/env bash
# One command to test everything: installs what the tests need (toolchain, Chromium,
# ChromeDriver, Japanese fonts), then runs formatting and lint checks, native tests, wasm tests
# in headless Chromium, the browser end-to-end tests against the real server, and the size
# budget of the release app.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/setup.sh" --browser
cd "$ROOT"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"

say "cargo fmt --check"
cargo fmt --all -- --check

say "clippy (native and wasm)"
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy -p fwportal-web --target wasm32-unknown-unknown --all-targets -- -D warnings
cargo clippy -p fwportal-desk --target wasm32-unknown-unknown --all-targets -- -D warnings

say "building the release apps and the server for the end-to-end tests"
source "$ROOT/scripts/build-apps.sh"
cargo build -p fwportal-server

say "size budget of the release apps"
node "$ROOT/scripts/size-report.mjs" "$ROOT/dist" "$TARGET/debug/fwportal"

say "native tests (rules, server API, CLI, browser end-to-end)"
FWPORTAL_BIN="$TARGET/debug/fwportal" FWPORTAL_DIST="$ROOT/dist" \
  cargo test --workspace

say "wasm tests in headless Chromium"
CHROMEDRIVER=/usr/bin/chromedriver \
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test -p fwportal-web --target wasm32-unknown-unknown --tests
