// Builds the CLI bundle once so CLI tests run what `npx pact-tracker` runs.
const { execFileSync } = require("node:child_process");
const path = require("node:path");
module.exports = async () => {
  execFileSync(process.execPath, [path.join(__dirname, "..", "scripts", "build-cli.js")], { stdio: "inherit" });
};
