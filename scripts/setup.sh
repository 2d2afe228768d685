#!/usr/bin/env bash
# Installs what building and running the portal needs, skipping what is already there at the
# right version. Sourced by run.sh and test.sh; `--browser` also installs Chromium, ChromeDriver
# and Japanese fonts for the tests. Versions and recipes: shared/notes/toolchain.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/tools"
TRUNK_VERSION="0.21.14"
BINARYEN_VERSION="132"
AXE_VERSION="4"

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }
fail() { printf 'setup: %s\n' "$*" >&2; exit 1; }

need() { command -v "$1" >/dev/null 2>&1 || fail "$1 is missing. $2"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else fail "installing system packages needs root: run '$*' as root, then try again."
  fi
}

export PATH="$HOME/.cargo/bin:$TOOLS/node_modules/.bin:$PATH"

# The wasm build: Leptos's component erasure (smaller download), and source paths remapped to
# fixed prefixes so the app is byte-for-byte the same size wherever the repository is cloned
# (the size budget is checked in CI on a fresh clone). Repeats .cargo/config.toml's flag, which
# this variable replaces.
CARGO_HOME_DIR="${CARGO_HOME:-$HOME/.cargo}"
RUSTUP_HOME_DIR="${RUSTUP_HOME:-$HOME/.rustup}"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--cfg erase_components --remap-path-prefix=$ROOT=/fwportal --remap-path-prefix=$CARGO_HOME_DIR=/cargo --remap-path-prefix=$RUSTUP_HOME_DIR=/rustup"

need cargo "Install Rust with rustup (https://rustup.rs), then try again."
need rustup "The wasm target is installed with rustup; install Rust with rustup, then try again."

# The wasm-bindgen CLI must match the library version Cargo.lock pins, byte for byte.
WASM_BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock")"
[ -n "$WASM_BINDGEN_VERSION" ] || fail "cannot read the wasm-bindgen version from Cargo.lock."

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (about 8 minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ] \
  || ! command -v wasm-bindgen-test-runner >/dev/null 2>&1; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 3 minutes)"
  # Not --locked: one of its locked dependency versions is no longer on the registry.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# Debian's binaryen (108) produces wasm that fails at run time; the npm build is current.
if [ "$(wasm-opt --version 2>/dev/null | awk '{print $3}')" != "$BINARYEN_VERSION" ]; then
  need npm "Install Node.js and npm (apt-get install nodejs npm), then try again."
  say "installing wasm-opt (binaryen $BINARYEN_VERSION from npm) into tools/"
  mkdir -p "$TOOLS"
  npm install --prefix "$TOOLS" --no-audit --no-fund --silent "binaryen@$BINARYEN_VERSION"
fi

if [ "${1:-}" = "--browser" ]; then
  # axe-core: the accessibility rules the browser tests run on every page.
  if [ ! -f "$TOOLS/node_modules/axe-core/axe.min.js" ]; then
    need npm "Install Node.js and npm (apt-get install nodejs npm), then try again."
    say "installing axe-core $AXE_VERSION from npm into tools/"
    mkdir -p "$TOOLS"
    npm install --prefix "$TOOLS" --no-audit --no-fund --silent "axe-core@$AXE_VERSION"
  fi
  missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
  dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
  if [ "${#missing[@]}" -gt 0 ]; then
    say "installing ${missing[*]} from Debian's packages"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi
