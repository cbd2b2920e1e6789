// Prints, for each file named on the command line, whether HashiCorp's HCL parser (the Go
// parser Terraform uses, compiled to WebAssembly in @cdktf/hcl2json) accepts it, as JSON
// lines: {"file": ..., "ok": true|false, "error": "..."}.
const fs = require("fs");
const { parse } = require("@cdktf/hcl2json");

(async () => {
  for (const file of process.argv.slice(2)) {
    const text = fs.readFileSync(file, "utf8");
    let ok = true;
    let error = "";
    try {
      await parse(file, text);
    } catch (e) {
      ok = false;
      error = String(e).split("\n")[0];
    }
    process.stdout.write(JSON.stringify({ file, ok, error }) + "\n");
  }
})();
