// Makes sure dist/ holds a PRODUCTION build of the current sources before the e2e tests serve it:
// rebuilds (once, for all suites) when dist/taskpane.html is missing, is a development build (its
// bundle has no content hash), or is older than anything it is built from.
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.join(__dirname, "..", "..");
const PAGE = path.join(ROOT, "dist", "taskpane.html");
const INPUTS = ["src", "seeds", "assets", "webpack.config.js", "scripts/manifest.js", "manifest.xml", "package-lock.json"];
/** The production bundle's name (webpack.config.js: "[name].[contenthash:8].js"); development's has no hash. */
const PRODUCTION_BUNDLE = /<script[^>]*\bsrc="?[^"\s>]*taskpane\.[0-9a-f]{8}\.js/;

function newestMtime(p) {
  let stat;
  try {
    stat = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(p).reduce((newest, name) => Math.max(newest, newestMtime(path.join(p, name))), stat.mtimeMs);
}

function reasonToBuild() {
  if (!fs.existsSync(PAGE)) return "dist/taskpane.html is missing";
  if (!PRODUCTION_BUNDLE.test(fs.readFileSync(PAGE, "utf8"))) return "dist/ holds a development build";
  const built = fs.statSync(PAGE).mtimeMs;
  const stale = INPUTS.find((input) => newestMtime(path.join(ROOT, input)) > built);
  return stale ? `dist/ is older than ${stale}` : undefined;
}

module.exports = async () => {
  const reason = reasonToBuild();
  if (!reason) return;
  console.log(`\n${reason}: building the task pane (webpack --mode production)…`);
  const started = Date.now();
  const npx = process.platform === "win32" ? "npx.cmd" : "npx";
  execFileSync(npx, ["webpack", "--mode", "production"], { cwd: ROOT, stdio: "inherit" });
  // webpack leaves an unchanged file untouched (compareBeforeEmit), so its time can predate this
  // build; mark the build's time, or the next run would rebuild again for nothing.
  const now = new Date();
  fs.utimesSync(PAGE, now, now);
  console.log(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
};
