#!/usr/bin/env node
// The CLI is bundled by `npm ci`/`npm install` (prepare script) into dist/cli.
const path = require("node:path");
const fs = require("node:fs");
const bundle = path.join(__dirname, "..", "dist", "cli", "pact-tracker.js");
if (!fs.existsSync(bundle)) {
  process.stderr.write("pact-tracker: the CLI is not built yet; run `npm run build:cli` in the project folder.\n");
  process.exit(2);
}
require(bundle);
