// Records HashiCorp's HCL parser's verdict (the Go parser Terraform uses, compiled to
// WebAssembly in @cdktf/hcl2json) on every fixture file, for tests/fidelity.rs.
//
//   npm ci --prefix tests/fidelity
//   node tests/fidelity/generate.js            # rewrites tests/fidelity/verdicts.json
//   node tests/fidelity/generate.js --check    # exits 1 when verdicts.json is stale
//
// The files are the `.tf` and `.tfvars` files under fixtures/, named relative to the
// repository root with `/` separators (the parser's messages carry that name, so the output
// is the same on every machine). Files that are not UTF-8 are left out: a JavaScript string
// cannot carry their invalid bytes to the parser.
"use strict";

const fs = require("fs");
const path = require("path");
const { parse } = require("@cdktf/hcl2json");

const root = path.resolve(__dirname, "..", "..");
const target = path.join(__dirname, "verdicts.json");

function fixtureFiles(dir, rel) {
  let out = [];
  const entries = fs.readdirSync(dir, { withFileTypes: true });
  for (const e of entries) {
    const full = path.join(dir, e.name);
    const name = `${rel}/${e.name}`;
    if (e.isDirectory()) {
      out = out.concat(fixtureFiles(full, name));
    } else if (e.isFile() && (e.name.endsWith(".tf") || e.name.endsWith(".tfvars"))) {
      out.push(name);
    }
  }
  return out;
}

async function verdicts() {
  const files = fixtureFiles(path.join(root, "fixtures"), "fixtures").sort();
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const result = {};
  for (const file of files) {
    let text;
    try {
      text = decoder.decode(fs.readFileSync(path.join(root, file)));
    } catch (e) {
      continue;
    }
    try {
      await parse(file, text);
      result[file] = { accepted: true };
    } catch (e) {
      // "...: parse config: [FILE:LINE,COL-...: Summary; detail]"
      const error = String(e).split("\n")[0];
      const after = error.split(`${file}:`)[1];
      const line = after === undefined ? 0 : parseInt(after, 10) || 0;
      result[file] = { accepted: false, line, error };
    }
  }
  const version = require("@cdktf/hcl2json/package.json").version;
  return (
    JSON.stringify({ parser: `@cdktf/hcl2json ${version}`, files: result }, null, 2) + "\n"
  );
}

(async () => {
  const check = process.argv.includes("--check");
  const fresh = await verdicts();
  if (!check) {
    fs.writeFileSync(target, fresh);
    return;
  }
  const committed = fs.existsSync(target) ? fs.readFileSync(target, "utf8") : "";
  if (committed === fresh) {
    console.log(`${path.relative(root, target)} is up to date`);
    return;
  }
  const before = committed ? JSON.parse(committed) : { files: {} };
  const after = JSON.parse(fresh);
  if (before.parser !== after.parser) {
    console.error(`parser: committed ${before.parser}, installed ${after.parser}`);
  }
  const names = new Set([...Object.keys(before.files), ...Object.keys(after.files)]);
  const differ = [...names]
    .sort()
    .filter((n) => JSON.stringify(before.files[n]) !== JSON.stringify(after.files[n]));
  for (const name of differ.slice(0, 20)) {
    const a = JSON.stringify(before.files[name]);
    const b = JSON.stringify(after.files[name]);
    console.error(`${name}:\n  committed: ${a}\n  now:       ${b}`);
  }
  if (differ.length > 20) {
    console.error(`... and ${differ.length - 20} more files`);
  }
  console.error(
    `${path.relative(root, target)} is stale: run \`node tests/fidelity/generate.js\` and commit it`
  );
  process.exit(1);
})();
