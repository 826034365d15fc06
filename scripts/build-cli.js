// Bundles the CLI with esbuild: one file, starts fast, no TypeScript at run time.
const esbuild = require("esbuild");
const path = require("node:path");
const root = path.join(__dirname, "..");
esbuild.buildSync({
  // The command line, and the thread it reads returns on (src/cli/read-pool.ts finds it beside the bundle).
  entryPoints: { "pact-tracker": path.join(root, "src", "cli", "entry.ts"), "read-worker": path.join(root, "src", "cli", "read-worker.ts") },
  outdir: path.join(root, "dist", "cli"),
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  sourcemap: "linked",
  // exceljs drags optional browser shims; keep node built-ins and big deps external.
  packages: "external",
  logLevel: "warning",
});
