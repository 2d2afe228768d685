// Joins the style sheets into the one the page loads (issue 13: one stylesheet, one request).
// A trunk pre-build hook of every customer app (Trunk.toml, apps/*/Trunk.toml); trunk then minifies the result in release builds.
// The order is the cascade's: tokens first, print last.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

// The repository, wherever the app being built lies (index.html, apps/*/index.html).
const root = fileURLToPath(new URL("..", import.meta.url));
const ORDER = [
  "tokens", "base", "button", "field", "feedback", "journey", "inventory", "preparation", "print",
];
const out = join(root, "target", "bundle");
mkdirSync(out, { recursive: true });
const css = ORDER.map((name) => {
  const file = join(root, "style", `${name}.css`);
  return `/* style/${name}.css */\n${readFileSync(file, "utf8")}`;
}).join("\n");
writeFileSync(join(out, "fwportal.css"), css);
