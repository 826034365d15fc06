#!/usr/bin/env node
// `npm stop` (`npm run stop:release` with --release): removes the sideloaded add-in with
// `office-addin-debugging stop` and stops the server scripts/start.js started (it records it).
const { spawn, spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const { SERVER_FILE } = require("./start.js");

const ROOT = path.join(__dirname, "..");

/** Stops the process and its children: start.js runs the server detached, in its own group. */
function stopTree(pid) {
  if (process.platform === "win32") {
    spawnSync("taskkill", ["/pid", String(pid), "/T", "/F"], { stdio: "ignore" });
    return;
  }
  try {
    process.kill(-pid, "SIGTERM");
  } catch (error) {
    if (error.code !== "ESRCH") throw error;
  }
}

/**
 * Whether `pid` still runs `npm run <script>` (a number recorded long ago may belong to another
 * program by now). Where `ps` is missing, trust the record.
 */
function stillOurs(pid, script) {
  if (process.platform === "win32") return true;
  const ps = spawnSync("ps", ["-o", "command=", "-p", String(pid)], { encoding: "utf8" });
  if (ps.error) return true;
  return ps.status === 0 && ps.stdout.includes(`run ${script}`);
}

/** Stops the recorded server, if any; says what it did. */
function stopRecordedServer() {
  let record;
  try {
    record = JSON.parse(fs.readFileSync(SERVER_FILE, "utf8"));
  } catch {
    return;
  }
  fs.rmSync(SERVER_FILE, { force: true });
  if (!Number.isInteger(record.pid) || record.pid <= 0 || !stillOurs(record.pid, record.script)) return;
  stopTree(record.pid);
  console.log(`Stopped \`npm run ${record.script}\` (process ${record.pid}).`);
}

function main(argv) {
  const release = argv.includes("--release");
  const manifest = release ? path.join("dist", "manifest.xml") : "manifest.xml";
  const cli = require.resolve("office-addin-debugging/cli.js");
  const child = spawn(process.execPath, [cli, "stop", manifest], { cwd: ROOT, stdio: "inherit" });
  const finish = (code) => {
    stopRecordedServer();
    process.exit(code ?? 1);
  };
  child.on("exit", finish);
  child.on("error", () => finish(1));
}

if (require.main === module) main(process.argv.slice(2));
