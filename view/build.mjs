// Bundles entry.js (sigma.js + graphology) into ../pipeline/view.js, with the licence of every
// package it takes code from at the top. The same lock file gives the same bytes.
// Usage: npm ci --prefix view && node view/build.mjs [OUT]
import { build } from "esbuild";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2] || join(here, "..", "pipeline", "view.js");

const result = await build({
  entryPoints: [join(here, "entry.js")], bundle: true, minify: true, format: "iife",
  target: "es2019", legalComments: "none", write: false, metafile: true, absWorkingDir: here,
});
const packages = new Set();
for (const input of Object.keys(result.metafile.inputs)) {
  const m = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
  if (m) packages.add(m[1]);
}
let header = "/* pipeline/view.js: built by view/build.mjs from view/entry.js; do not edit.\n";
for (const name of [...packages].sort()) {
  const dir = join(here, "node_modules", name);
  const meta = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const file = ["LICENSE.txt", "LICENSE", "LICENSE.md"].map((f) => join(dir, f)).find((f) => {
    try { readFileSync(f); return true; } catch { return false; }
  });
  const text = file ? readFileSync(file, "utf8").trim() : `License: ${meta.license}`;
  header += `\n${meta.name} ${meta.version} (${meta.license})\n\n${text.replaceAll("*/", "* /")}\n`;
}
header += "*/\n";
writeFileSync(out, header + result.outputFiles[0].text);
console.log(`${out}: ${[...packages].sort().join(", ")}`);
