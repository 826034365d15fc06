// npm run bench: builds the benchmark entries with esbuild, then runs each reader in its own
// process over the same returns so time and peak memory are comparable.
const esbuild = require("esbuild");
const { execFileSync } = require("node:child_process");
const path = require("node:path");
const os = require("node:os");

const root = path.join(__dirname, "..");
const out = path.join(root, "dist", "bench");
esbuild.buildSync({
  entryPoints: [path.join(root, "bench", "read-returns.ts")],
  outdir: out,
  bundle: true,
  platform: "node",
  target: "node20",
  packages: "external",
  logLevel: "warning",
});

const count = Number(process.env.BENCH_RETURNS ?? 200);
const dir = path.join(os.tmpdir(), `pact-tracker-bench-returns-${count}`);
const run = (mode) => execFileSync(process.execPath, [path.join(out, "read-returns.js"), mode, dir, String(count)], { encoding: "utf8", maxBuffer: 1 << 24 }).trim();

console.log(`Reading ${count} realistic returns (prague-ap-2023 matrices, every entry filled) from ${dir}`);
run("make");
const ours = JSON.parse(run("ours"));
const exceljs = JSON.parse(run("exceljs"));
const row = (r) => `${r.reader.padEnd(8)} ${String(r.ms).padStart(7)} ms  ${String(r.peakRssMb).padStart(5)} MB peak RSS  ${r.files} files  ${r.cells} cells`;
console.log(row(ours) + "   (read + validate)");
console.log(row(exceljs) + "   (exceljs xlsx.readFile, read only)");
console.log(`speed-up: ${(exceljs.ms / ours.ms).toFixed(1)}x, memory: ${(exceljs.peakRssMb / ours.peakRssMb).toFixed(1)}x less`);
