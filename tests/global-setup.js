// Builds the CLI bundle once so CLI tests run what `npx pact-tracker` runs; asks once which
// third-party clients are installed (tests/support/tools.ts reads the answers); names the run, so
// that its workers' LibreOffice profiles are its own.
const { execFileSync, spawnSync } = require("node:child_process");
const path = require("node:path");

const TOOLS = [
  ["/usr/bin/python3", ["-c", "import openpyxl"]],
  ["soffice", ["--version"]],
  ["pdftotext", ["-v"]],
];

module.exports = async () => {
  execFileSync(process.execPath, [path.join(__dirname, "..", "scripts", "build-cli.js")], { stdio: "inherit" });
  process.env.PT_TEST_RUN = `${process.pid}-${Date.now()}`;
  // Keyed by the command line, as toolAvailable asks.
  const found = Object.fromEntries(TOOLS.map(([command, args]) => [[command, ...args].join(" "), spawnSync(command, args, { stdio: "ignore" }).status === 0]));
  process.env.PT_TOOLS = JSON.stringify(found);
};
