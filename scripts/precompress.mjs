// Writes a brotli (quality 11) and a gzip (level 9) copy beside every file of the built app,
// which the server sends as they are (tower-http's precompressed ServeDir): what the size
// report measures is what is sent (issue 13). A trunk post-build hook (Trunk.toml) run on
// trunk's staging folder; `node scripts/precompress.mjs DIR` runs it on any folder.
// A copy that is not smaller than the file is not written (icons are compressed already), and
// index.html is left alone: the server adds its settings to it and compresses it per request.
import { readdirSync, readFileSync, statSync, writeFileSync, unlinkSync, existsSync } from "node:fs";
import { join, relative } from "node:path";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("precompress: give the folder (or run as a trunk hook)");
  process.exit(1);
}

function* files(folder) {
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

if (process.env.TRUNK_PROFILE === "debug" && !process.argv[2]) {
  // A debug build is several MB of wasm: quality 11 would take long, and nobody measures it.
  console.log("precompress: debug build, skipped (the server compresses on the fly)");
  process.exit(0);
}

let count = 0;
for (const path of [...files(dir)]) {
  if (/\.(br|gz)$/.test(path) || relative(dir, path) === "index.html") continue;
  const bytes = readFileSync(path);
  const copies = {
    br: brotliCompressSync(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }),
    gz: gzipSync(bytes, { level: 9 }),
  };
  for (const [ext, compressed] of Object.entries(copies)) {
    const target = `${path}.${ext}`;
    if (compressed.length < bytes.length) {
      writeFileSync(target, compressed);
      count += 1;
    } else if (existsSync(target)) {
      unlinkSync(target);
    }
  }
}
console.log(`precompress: ${count} compressed copies written in ${dir}`);
