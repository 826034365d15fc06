// npm run bench: builds bench/read-returns.ts with esbuild, makes realistic returns once (saved
// with a shared-string table as Excel saves them, and with inline strings as openpyxl does), then
// runs each workload in its own process over the same files so time and peak memory compare.
//
//   BENCH_RETURNS=1000   returns per edition (default 1000)
//   BENCH_REPEAT=3       runs per workload; the median is shown (default 1)
const esbuild = require("esbuild");
const { execFileSync } = require("node:child_process");
const path = require("node:path");
const os = require("node:os");

const root = path.join(__dirname, "..");
// Outside dist/ (the webpack build cleans it) but under node_modules/, so the bundle's external
// packages resolve from the project.
const out = path.join(root, "node_modules", ".cache", "pact-tracker-bench");
esbuild.buildSync({
  // With the CLI's reading thread beside it, as in dist/cli: consolidate reads on every core.
  entryPoints: { "read-returns": path.join(root, "bench", "read-returns.ts"), "read-worker": path.join(root, "src", "cli", "read-worker.ts") },
  outdir: out,
  bundle: true,
  platform: "node",
  target: "node20",
  packages: "external",
  logLevel: "warning",
});

const count = Number(process.env.BENCH_RETURNS ?? 1000);
const repeat = Math.max(1, Number(process.env.BENCH_REPEAT ?? 1));
const base = path.join(os.tmpdir(), "pact-tracker-bench");

function once(mode, dir) {
  const stdout = execFileSync(process.execPath, [path.join(out, "read-returns.js"), mode, dir, String(count)], { encoding: "utf8", maxBuffer: 1 << 24, stdio: ["ignore", "pipe", "inherit"] });
  const last = stdout.trim().split("\n").pop();
  return last ? JSON.parse(last) : undefined;
}

function median(runs) {
  const sorted = [...runs].sort((a, b) => a.ms - b.ms);
  return { ...sorted[Math.floor(sorted.length / 2)], runs: sorted.map((r) => r.ms) };
}

function run(mode, dir) {
  return median(Array.from({ length: repeat }, () => once(mode, dir)));
}

/**
 * Workloads run in turn, `repeat` rounds of each: on a shared machine whose speed drifts, the runs
 * compared are made under the same conditions, and each round gives a ratio of its own.
 */
function runInTurn(modes, dir) {
  const rounds = Array.from({ length: repeat }, () => modes.map((m) => once(m, dir)));
  return { results: modes.map((_, i) => median(rounds.map((r) => r[i]))), rounds };
}

const row = (r, what) => `  ${r.mode.padEnd(20)} ${String(r.ms).padStart(7)} ms ${String(r.cpuMs).padStart(7)} ms CPU ${String(r.peakRssMb).padStart(5)} MB peak RSS   ${what}${repeat > 1 ? `  (runs: ${r.runs.join(", ")} ms)` : ""}`;
// Ratios of elapsed time (what a user waits for); CPU time is shown too, as it varies less on a busy machine.
const times = (a, b) => `${(b.ms / a.ms).toFixed(2)}x (CPU ${(b.cpuMs / a.cpuMs).toFixed(2)}x)`;

console.log(`pact-tracker bench: ${count} prague-ap-2023 returns per edition, every entry filled (~300 characters); node ${process.version}, ${os.cpus().length} cores${repeat > 1 ? `, median of ${repeat} runs` : ""}`);
const results = {};
for (const edition of ["shared", "inline"]) {
  const dir = path.join(base, `returns-v2-${edition}-${count}`);
  once(`make-${edition}`, dir);
  console.log(`\nReturns saved with ${edition === "shared" ? "a shared-string table (as Excel saves them)" : "inline strings (as openpyxl saves them)"}: ${dir}`);
  const r = {
    unzip: run("unzip", dir),
    sax: run("unzip+sax", dir),
    zsax: run("zlib+sax", dir),
    ours: run("ours", dir),
    validate: run("ours+validate", dir),
    exceljs: run("exceljs", dir),
  };
  // The three consolidations run in turn, so each round compares runs made under the same conditions.
  const consolidation = runInTurn(["consolidate-ours", "consolidate-ours-1", "consolidate-exceljs"], dir);
  [r.cOurs, r.cOurs1, r.cExceljs] = consolidation.results;
  const perRound = (i) => consolidation.rounds.map((round) => (round[2].ms / round[i].ms).toFixed(2)).join(", ");
  results[edition] = r;
  console.log(" Reading");
  console.log(row(r.unzip, "floor: inflate every part (fflate), nothing else"));
  console.log(row(r.sax, "floor: inflate (fflate) + saxes over every XML part, handlers only counting"));
  console.log(row(r.zsax, "floor with Node's zlib inflating instead of fflate (as our reader does in Node)"));
  console.log(row(r.ours, `our hardened reader, read only: ${times(r.sax, r.ours)} the unzip + SAX floor (goal ≤ 1.5x); ${times(r.zsax, r.ours)} the zlib one`));
  console.log(row(r.validate, "our reader, then every rule of the validator"));
  console.log(row(r.exceljs, `exceljs xlsx.readFile, read only: ours is ${times(r.ours, r.exceljs)} faster`));
  console.log(" Consolidating");
  console.log(row(r.cOurs, `ours: the consolidate command (read, validate, SHA-256, register, full report streamed), reading on ${Math.min(4, os.availableParallelism())} threads (its default)`));
  console.log(row(r.cOurs1, `ours with --jobs 1: every step in one thread (${times(r.cOurs1, r.cExceljs)} faster than the naive script)`));
  console.log(row(r.cExceljs, "naive exceljs: readFile each, rows copied into one sheet by the streaming WorkbookWriter"));
  console.log(`  consolidation: ours ${times(r.cOurs, r.cExceljs)} faster than the naive exceljs script (goal ≥ 2x, ≤ 400 MB peak: ${r.cOurs.peakRssMb} MB)${repeat > 1 ? `; per round ${perRound(0)} (--jobs 1: ${perRound(1)})` : ""}`);
}
