#!/usr/bin/env bash
# Builds every web app in release mode (issue 13), each with its own trunk build, and prints
# how long each took: the customer's start app into dist/ (index.html, Trunk.toml), the
# journey and the follow-up apps beside it (apps/*/Trunk.toml: dist-journey/, dist-followup/),
# and the desk into dist-desk/ (crates/desk/Trunk.toml). `fwportal serve --dist dist` serves
# them all. Sourced by test.sh, run.sh and lighthouse.sh after setup.sh; run on its own it
# sets up first.
if [ -z "${ROOT:-}" ]; then
  set -euo pipefail
  ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  source "$ROOT/scripts/setup.sh"
fi
build_app() { # name [trunk config]
  local started=$SECONDS
  say "building the $1 app (release)"
  (cd "$ROOT" && trunk build --release --offline ${2:+--config "$2"})
  say "the $1 app took $((SECONDS - started)) s"
}
build_app start
build_app journey apps/journey/Trunk.toml
build_app followup apps/followup/Trunk.toml
build_app desk crates/desk/Trunk.toml
