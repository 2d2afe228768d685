// Prints the transfer size of the release app (each file brotli-compressed at the highest
// quality, as a CDN or the server's precompression would send it) and fails above the budget.
// Usage: node scripts/size-report.mjs dist
import { readdirSync, readFileSync } from "node:fs";
import { join, extname } from "node:path";
import { brotliCompressSync, constants } from "node:zlib";

const GOAL_KB = 150;
const LIMIT_KB = 300;
const dist = process.argv[2] ?? "dist";
const kinds = { ".wasm": "wasm", ".js": "js", ".css": "css" };
const totals = { wasm: 0, js: 0, css: 0 };
const raw = { wasm: 0, js: 0, css: 0 };

for (const name of readdirSync(dist)) {
  const kind = kinds[extname(name)];
  if (!kind) continue;
  const bytes = readFileSync(join(dist, name));
  const compressed = brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  });
  raw[kind] += bytes.length;
  totals[kind] += compressed.length;
}

const kb = (n) => (n / 1024).toFixed(1);
const total = totals.wasm + totals.js + totals.css;
if (totals.wasm === 0) {
  console.error(`size-report: no .wasm file in ${dist}: build the app first (trunk build --release)`);
  process.exit(1);
}
console.log("app transfer size (brotli -q 11):");
for (const kind of ["wasm", "js", "css"]) {
  console.log(`  ${kind.padEnd(5)} ${kb(totals[kind]).padStart(7)} KB   (raw ${kb(raw[kind])} KB)`);
}
console.log(`  total ${kb(total).padStart(7)} KB   goal ${GOAL_KB} KB, limit ${LIMIT_KB} KB`);
if (total > LIMIT_KB * 1024) {
  console.error(`size-report: the app is ${kb(total)} KB, over the ${LIMIT_KB} KB limit`);
  process.exit(1);
}
