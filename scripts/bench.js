// npm run bench: builds the benchmark entries with esbuild, then runs each reader in its own
// process over the same returns so time and peak memory are comparable.
const esbuild = require("esbuild");
const { execFileSync } = require("node:child_process");
const path = require("node:path");
const os = require("node:os");

const root = path.join(__dirname, "..");
// Outside dist/ (the webpack build cleans it) but under node_modules/, so the bundle's external
// packages resolve from the project.
const out = path.join(root, "node_modules", ".cache", "pact-tracker-bench");
esbuild.buildSync({
  entryPoints: [path.join(root, "bench", "read-returns.ts")],
  outdir: out,
  bundle: true,
  platform: "node",
  target: "node20",
  packages: "external",
  logLevel: "warning",
});

const run = (mode, dir, count) => JSON.parse(execFileSync(process.execPath, [path.join(out, "read-returns.js"), mode, dir, String(count)], { encoding: "utf8", maxBuffer: 1 << 24 }).trim() || "{}");
const row = (r, what) => `${r.reader.padEnd(20)} ${String(r.ms).padStart(8)} ms  ${String(r.peakRssMb).padStart(5)} MB peak RSS  ${r.files} files  ${r.cells} cells   ${what}`;
const ratio = (a, b) => `${(b.ms / a.ms).toFixed(1)}x faster, ${(b.peakRssMb / a.peakRssMb).toFixed(1)}x less memory`;

// 1. Reading returns (issue: hardened reader).
const readCount = Number(process.env.BENCH_RETURNS ?? 200);
const readDir = path.join(os.tmpdir(), "pact-tracker-bench", `returns-${readCount}`);
console.log(`Reading ${readCount} realistic returns (prague-ap-2023 matrices, every entry filled) from ${readDir}`);
run("make", readDir, readCount);
const ours = run("ours", readDir, readCount);
const oursValidated = run("ours+validate", readDir, readCount);
const exceljs = run("exceljs", readDir, readCount);
console.log(row(ours, "our hardened reader, read only"));
console.log(row(oursValidated, "our reader, then every rule of the validator"));
console.log(row(exceljs, "exceljs xlsx.readFile, read only"));
console.log(`reader: ${ratio(ours, exceljs)}`);

// 2. Consolidating (issue: consolidation): 1,000 returns by default.
const consCount = Number(process.env.BENCH_CONSOLIDATE ?? 1000);
const consDir = path.join(os.tmpdir(), "pact-tracker-bench", `returns-${consCount}`);
console.log(`\nConsolidating ${consCount} realistic returns from ${consDir} (made once, then reused)`);
run("make", consDir, consCount);
const cOurs = run("consolidate-ours", consDir, consCount);
const cExceljs = run("consolidate-exceljs", consDir, consCount);
console.log(row(cOurs, "ours: read, validate, register, full report streamed"));
console.log(row(cExceljs, "naive exceljs: readFile each, copy rows, write one sheet"));
console.log(`consolidation: ${ratio(cOurs, cExceljs)}; goal ≥ 2x faster and ≤ 600 MB peak`);
