// The size budget, measured as a customer's browser receives it (issue 13): starts the real
// server on the built apps, asks for `/` with an empty cache and `Accept-Encoding: br, gzip`,
// then for everything the page references (style sheet, scripts, wasm, icons), and sums the
// bytes the server sends (status line, headers and body as sent, compressed). Each part that
// is loaded later, only when used (the journey's and the follow-up's apps, the import's
// worker), is measured the same way, without what the first visit already brought (the
// icons), and reported with its own figure and its own limit. Fails above a limit.
//
// Usage: node scripts/size-report.mjs [dist] [fwportal binary] [--json FILE]
//        (defaults: dist, $FWPORTAL_BIN, target/debug/fwportal; the apps' other builds lie
//        beside dist, see scripts/build-apps.sh). --json also writes every response's path and
//        bytes (body as sent, and with the headers) to FILE, for tests/static_files.rs to
//        compare with what Chromium received.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

// Issue 13: the first visit of `/` (the start app) fails above 200 KB; 150 KB is the goal.
const FIRST_VISIT = { goalKb: 150, limitKb: 200 };
// Parts loaded later: the page or script the browser fetches when the part is used, and its
// limit (README, "Size and speed").
const LATER = [
  {
    name: "journey app (/check, /request/…), on going there from /",
    entry: "/request/contract",
    // 300 KB until the session that merged issue 14's work-date calendar (+10.5 KB), issue 16's
    // answering of a return on these pages (+4.0 KB) and issue 17's operator-catalogue analysis
    // (+2.8 KB): 320.1 KB then. The first visit is what issue 13 bounds (above); the next
    // feature here needs room first: code split within the app (README, "Size and speed").
    limitKb: 330,
  },
  {
    name: "follow-up app (/status, /preparation), on going there from /",
    entry: "/status",
    // The one app's old limit: the conversation (issue 16), the newcomer's additions (14) and
    // the analysis on the preparation list (17) took it past the 250 KB first set for it.
    limitKb: 300,
  },
  {
    name: "inventory import (Web Worker: the iLO/OA parsers), when used",
    entry: "/app/journey/inventory-worker-loader.js",
    limitKb: 100,
  },
];

const args = process.argv.slice(2);
const jsonAt = args.indexOf("--json");
const jsonFile = jsonAt >= 0 ? args.splice(jsonAt, 2)[1] : undefined;
const dist = resolve(args[0] ?? "dist");
const binary = resolve(args[1] ?? process.env.FWPORTAL_BIN ?? "target/debug/fwportal");
if (!existsSync(join(dist, "index.html"))) {
  fail(`no index.html in ${dist}: build the app first (trunk build --release)`);
}
if (!existsSync(binary)) {
  fail(`no server binary at ${binary}: run cargo build -p fwportal-server (or give its path)`);
}

function fail(message) {
  console.error(`size-report: ${message}`);
  process.exit(1);
}

/// Starts `fwportal serve` on a free port with a throw-away database; resolves to its URL.
function startServer() {
  const data = mkdtempSync(join(tmpdir(), "fwportal-size-"));
  const child = spawn(
    binary,
    ["serve", "--addr", "127.0.0.1:0", "--database", join(data, "portal.db"), "--dist", dist],
    { stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, RUST_LOG: "warn" } },
  );
  const stop = () => {
    child.kill("SIGTERM");
    rmSync(data, { recursive: true, force: true });
  };
  return new Promise((resolveUrl, reject) => {
    let seen = "";
    const timer = setTimeout(() => reject(new Error("the server did not start in 30 s")), 30_000);
    child.stdout.on("data", (chunk) => {
      seen += chunk;
      const match = seen.match(/ready at (\S+)/);
      if (match) {
        clearTimeout(timer);
        resolveUrl({ base: match[1].replace(/\/$/, ""), stop });
      }
    });
    child.on("exit", (code) => reject(new Error(`the server stopped (exit ${code})`)));
  });
}

/// One GET as a browser with an empty cache sends it; the bytes as they come off the wire.
function get(base, path) {
  return new Promise((resolveGet, reject) => {
    const req = request(
      `${base}${path}`,
      { headers: { "accept-encoding": "br, gzip", accept: "*/*" } },
      (res) => {
        const chunks = [];
        res.on("data", (chunk) => chunks.push(chunk));
        res.on("end", () => {
          const body = Buffer.concat(chunks);
          let head = `HTTP/1.1 ${res.statusCode} ${res.statusMessage}\r\n`;
          for (let i = 0; i < res.rawHeaders.length; i += 2) {
            head += `${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}\r\n`;
          }
          head += "\r\n";
          resolveGet({
            path,
            status: res.statusCode,
            encoding: res.headers["content-encoding"] ?? "none",
            type: res.headers["content-type"] ?? "",
            wire: Buffer.byteLength(head) + body.length,
            bodyBytes: body.length,
            body,
          });
        });
      },
    );
    req.on("error", reject);
    req.end();
  });
}

async function decoded(response) {
  const { brotliDecompressSync, gunzipSync } = await import("node:zlib");
  if (response.encoding === "br") return brotliDecompressSync(response.body).toString("utf8");
  if (response.encoding === "gzip") return gunzipSync(response.body).toString("utf8");
  return response.body.toString("utf8");
}

/// The same-origin files a page or script makes the browser fetch: `<link>` (style sheet,
/// preloads, the first icon: a browser takes one) and `<script src>` (attributes quoted or
/// not, as the minifier leaves them), and a loader's `import … from '…'`, `import('…')`, `init('…')`,
/// `importScripts('…')`, `wasm_bindgen('…')`. Links to pages (`<a href>`) are not fetched.
function references(text, from) {
  const found = new Set();
  const add = (url) => {
    if (!url || /^(?:[a-z]+:|\/\/|#)/i.test(url)) return;
    // Relative to the page or script that names it, as the browser resolves it.
    found.add(new URL(url, `http://portal${from}`).pathname);
  };
  const attribute = (tag, name) => {
    const match = tag.match(new RegExp(`\\b${name}=(?:"([^"]*)"|'([^']*)'|([^\\s>"']+))`));
    return match ? match.slice(1).find((group) => group !== undefined) : undefined;
  };
  let icon = false;
  for (const [tag] of text.matchAll(/<link\b[^>]*>/g)) {
    if (/\brel=["']?icon\b/.test(tag)) {
      if (icon) continue;
      icon = true;
    }
    add(attribute(tag, "href"));
  }
  for (const [tag] of text.matchAll(/<script\b[^>]*>/g)) add(attribute(tag, "src"));
  const loaders = [
    /\bfrom\s*["']([^"']+)["']/g,
    /\bimport\(\s*["']([^"']+)["']/g,
    /(?:init|wasm_bindgen|importScripts)\(\s*(?:\{[^}]*?module_or_path\s*:\s*)?["']([^"']+)["']/g,
  ];
  for (const pattern of loaders) for (const match of text.matchAll(pattern)) add(match[1]);
  return [...found];
}

const kb = (n) => (n / 1024).toFixed(1);

function print(title, responses, limitKb, goalKb) {
  console.log(title);
  for (const r of responses) {
    console.log(
      `  ${kb(r.wire).padStart(7)} KB  ${r.encoding.padEnd(5)} ${String(r.status)}  ${r.path}`,
    );
  }
  const total = responses.reduce((sum, r) => sum + r.wire, 0);
  const goal = goalKb ? `goal ${goalKb} KB${total > goalKb * 1024 ? " (not met)" : ""}, ` : "";
  console.log(`  ${kb(total).padStart(7)} KB  total (${goal}limit ${limitKb} KB)`);
  // A script or wasm answered with a page is a wrong reference, not a small file.
  const bad = responses.filter(
    (r) => r.status !== 200 || (/\.(js|wasm|css)$/.test(r.path) && r.type.startsWith("text/html")),
  );
  if (bad.length > 0) failed.push(`not served: ${bad.map((r) => `${r.path} (${r.status})`).join(", ")}`);
  return total;
}

const failed = [];
const report = { first_visit: {}, later: [] };
const asJson = (responses, total, limitKb) => ({
  total,
  limit: limitKb * 1024,
  responses: responses.map(({ path, status, encoding, wire, bodyBytes }) => ({
    path,
    status,
    encoding,
    wire,
    body: bodyBytes,
  })),
});
const server = await startServer().catch((error) => fail(error.message));
try {
  const page = await get(server.base, "/");
  const html = await decoded(page);
  const first = [page];
  for (const path of references(html, "/")) first.push(await get(server.base, path));
  const total = print(
    "first visit of / (empty cache, Accept-Encoding: br, gzip), bytes sent:",
    first,
    FIRST_VISIT.limitKb,
    FIRST_VISIT.goalKb,
  );
  report.first_visit = asJson(first, total, FIRST_VISIT.limitKb);
  if (!first.some((r) => r.path.endsWith(".wasm"))) failed.push("the page references no wasm");
  if (total > FIRST_VISIT.limitKb * 1024) {
    failed.push(`the first visit is ${kb(total)} KB, over the ${FIRST_VISIT.limitKb} KB limit`);
  }
  const cached = new Set(first.map((r) => r.path));
  for (const part of LATER) {
    const entry = await get(server.base, part.entry);
    const responses = [entry];
    for (const path of references(await decoded(entry), part.entry)) {
      // What the first visit brought is in the browser's cache (the icons).
      if (!cached.has(path)) responses.push(await get(server.base, path));
    }
    const partTotal = print(`later: ${part.name}`, responses, part.limitKb);
    report.later.push({ name: part.name, entry: part.entry, ...asJson(responses, partTotal, part.limitKb) });
    if (part.entry.startsWith("/app/") ? false : !responses.some((r) => r.path.endsWith(".wasm"))) {
      failed.push(`${part.entry} references no wasm`);
    }
    if (partTotal > part.limitKb * 1024) {
      failed.push(`${part.name} is ${kb(partTotal)} KB, over its ${part.limitKb} KB limit`);
    }
  }
} finally {
  server.stop();
}
if (jsonFile) writeFileSync(jsonFile, JSON.stringify(report, null, 2));
if (failed.length > 0) fail(failed.join("; "));
