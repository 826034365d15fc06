// Bundles the CLI with esbuild: one file, starts fast, no TypeScript at run time.
const esbuild = require("esbuild");
const path = require("node:path");
const root = path.join(__dirname, "..");
esbuild.buildSync({
  entryPoints: [path.join(root, "src", "cli", "entry.ts")],
  outfile: path.join(root, "dist", "cli", "pact-tracker.js"),
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  sourcemap: "linked",
  // exceljs drags optional browser shims; keep node built-ins and big deps external.
  packages: "external",
  logLevel: "warning",
});
