#!/usr/bin/env bash
# A benchmark, not a test (issue 13): how the portal's first paint and start compare with a
# static HTML page holding a form of the same size, measured in one run on this machine.
#
# Serves the static page (scripts/lighthouse/static.html, with the app's own style sheet) and
# the portal (release build) on loopback, runs Lighthouse 13 (mobile simulation: a slow 4G
# network and a 4× slower CPU, computed from the trace) three times on each of the static page,
# the portal's `/` and `/request/contract`, and prints the medians of the performance score,
# FCP, LCP, TTI, TBT and the bytes transferred, and the portal-to-static ratios.
#
# Usage: ./scripts/lighthouse.sh [runs]   (default 3; needs Chromium: ./scripts/setup.sh --browser)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/setup.sh" --browser
cd "$ROOT"
RUNS="${1:-3}"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
LIGHTHOUSE_VERSION="13"

if [ ! -x "$TOOLS/node_modules/.bin/lighthouse" ]; then
  say "installing lighthouse@$LIGHTHOUSE_VERSION from npm into tools/"
  npm install --prefix "$TOOLS" --no-audit --no-fund --silent "lighthouse@$LIGHTHOUSE_VERSION"
fi

say "building the release apps and server"
source "$ROOT/scripts/build-apps.sh"
cargo build --release -p fwportal-server

WORK="$(mktemp -d)"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

# The static page: the same header, heading, a form of the same size as /request/contract's
# (seven labelled fields, hints, two buttons) and the app's one style sheet.
mkdir -p "$WORK/static"
cp "$ROOT/scripts/lighthouse/static.html" "$WORK/static/index.html"
cp "$ROOT"/dist/fwportal-*.css "$WORK/static/fwportal.css"
STATIC_PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
(cd "$WORK/static" && exec python3 -m http.server "$STATIC_PORT" --bind 127.0.0.1 >/dev/null 2>&1) &
PIDS+=($!)

mkfifo "$WORK/ready"
"$TARGET/release/fwportal" serve --addr 127.0.0.1:0 --database "$WORK/portal.db" --dist "$ROOT/dist" \
  >"$WORK/ready" 2>"$WORK/server.log" &
PIDS+=($!)
PORTAL="$(sed -n 's/.*ready at \(http[^ ]*\)\/$/\1/p;q' <"$WORK/ready")"
[ -n "$PORTAL" ] || fail "the portal did not start: $(cat "$WORK/server.log")"
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$STATIC_PORT/" >/dev/null && break; sleep 0.1; done

CHROME_FLAGS="--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking --disable-component-update --disable-sync --no-first-run"
run() { # name url run
  # Chromium's trace now and then lacks its navigation start (Lighthouse's NO_NAVSTART): one
  # more try before giving up.
  for attempt in 1 2; do
    CHROME_PATH=/usr/bin/chromium TMPDIR="$WORK" "$TOOLS/node_modules/.bin/lighthouse" "$2" \
      --quiet --only-categories=performance --chrome-flags="$CHROME_FLAGS" \
      --output=json --output-path="$WORK/$1-$3.json" >/dev/null 2>>"$WORK/lighthouse.log" \
      && return 0
    say "lighthouse failed on $2 (try $attempt): $(tail -1 "$WORK/lighthouse.log")"
  done
  fail "lighthouse failed on $2: $(tail -5 "$WORK/lighthouse.log")"
}
for i in $(seq "$RUNS"); do
  say "run $i of $RUNS"
  run static "http://127.0.0.1:$STATIC_PORT/" "$i"
  run start "$PORTAL/" "$i"
  run contract "$PORTAL/request/contract" "$i"
done

node - "$WORK" "$RUNS" <<'EOF'
const { readFileSync } = require("node:fs");
const [dir, runs] = process.argv.slice(2);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const metric = { FCP: "first-contentful-paint", LCP: "largest-contentful-paint", TTI: "interactive", TBT: "total-blocking-time", bytes: "total-byte-weight" };
const pages = { static: "static page", start: "portal /", contract: "portal /request/contract" };
const result = {};
for (const page of Object.keys(pages)) {
  const reports = Array.from({ length: Number(runs) }, (_, i) => JSON.parse(readFileSync(`${dir}/${page}-${i + 1}.json`, "utf8")));
  result[page] = { perf: median(reports.map((r) => r.categories.performance.score)) };
  for (const [name, id] of Object.entries(metric)) result[page][name] = median(reports.map((r) => r.audits[id].numericValue));
}
const ms = (v) => `${(v / 1000).toFixed(2)} s`;
const show = { perf: (v) => v.toFixed(2), FCP: ms, LCP: ms, TTI: ms, TBT: (v) => `${Math.round(v)} ms`, bytes: (v) => `${(v / 1024).toFixed(1)} KiB` };
console.log(`\nLighthouse 13, mobile simulation, loopback, median of ${runs} runs each\n`);
console.log(`| | perf | FCP | LCP | TTI | TBT | bytes |`);
console.log(`|---|---|---|---|---|---|---|`);
for (const [page, label] of Object.entries(pages)) {
  console.log(`| ${label} | ${Object.keys(show).map((k) => show[k](result[page][k])).join(" | ")} |`);
}
for (const page of ["start", "contract"]) {
  const ratio = (k) => result.static[k] > 0 ? `${(result[page][k] / result.static[k]).toFixed(2)}×` : "–";
  console.log(`| ${pages[page]} ÷ static | | ${ratio("FCP")} | ${ratio("LCP")} | ${ratio("TTI")} | | ${ratio("bytes")} |`);
}
const targets = [];
for (const page of ["start", "contract"]) {
  const r = result[page];
  targets.push(`${pages[page]}: perf ${r.perf.toFixed(2)} (target ≥ 0.95), LCP ${(r.LCP / result.static.LCP).toFixed(2)}× (≤ 1.5×), TTI ${(r.TTI / result.static.TTI).toFixed(2)}× (≤ 2×)`);
}
console.log(`\n${targets.join("\n")}`);
EOF
