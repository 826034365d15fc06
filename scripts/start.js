#!/usr/bin/env node
// `npm start`: serve the add-in, wait until its page answers over https, then sideload the manifest.
//
//   npm start                      dev server (npm run dev-server) + manifest.xml, Excel desktop
//   npm start -- web --document <OneDrive/SharePoint link to a workbook>     Excel on the web
//   npm run start:release          release build (npm run serve:https) + dist/manifest.xml
//   npm stop / npm run stop:release   remove the add-in and stop the server started here
//
// Arguments other than --release go to `office-addin-debugging start` (platform, --app, --no-debug, …).
//
// Why not `office-addin-debugging start manifest.xml` alone: it starts package.json's "dev-server"
// script detached and, unless told a port, sideloads at once — Excel then asks for a page nobody
// serves yet; told a port, it waits only until the port opens (30 s at most), not for the page.
// Here the page itself must answer (webpack's first build takes a while), and the server's output
// goes to a log file that is shown when it does not come up.
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const http = require("node:http");
const https = require("node:https");
const os = require("node:os");
const path = require("node:path");

const ROOT = path.join(__dirname, "..");
/** What `npm stop` needs to stop the server started here (office-addin-debugging keeps its own). */
const SERVER_FILE = path.join(os.tmpdir(), "pact-tracker-server.json");
/** webpack's first development build takes about a minute on a slow machine. */
const WAIT_MS = 180_000;
const POLL_MS = 1_000;
/** One request: webpack-dev-server holds requests until its build is done. */
const REQUEST_MS = 15_000;

/** The task pane URL a manifest sends Excel to: its DefaultSettings/SourceLocation. */
function sourceLocation(manifestXml) {
  const match = /<SourceLocation\s+DefaultValue="([^"]+)"/.exec(manifestXml);
  if (!match || !match[1]) throw new Error("the manifest has no <SourceLocation DefaultValue=\"…\">");
  return match[1];
}

/**
 * One GET of `url`: { ok, status } when it answered, { ok: false, error, code } when it did not.
 * Certificates are not verified: this only asks whether the server is up (Excel checks the trust
 * itself, against the system's store, which Node does not read).
 */
function probe(url, { timeoutMs = REQUEST_MS } = {}) {
  return new Promise((resolve) => {
    const client = new URL(url).protocol === "https:" ? https : http;
    const request = client.get(url, { rejectUnauthorized: false, timeout: timeoutMs }, (response) => {
      response.resume();
      const status = response.statusCode ?? 0;
      resolve({ ok: status >= 200 && status < 300, status });
    });
    request.on("timeout", () => request.destroy(Object.assign(new Error(`no answer within ${timeoutMs / 1000} s`), { code: "ETIMEDOUT" })));
    request.on("error", (error) => resolve({ ok: false, error: error.message, code: error.code }));
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `url` until it answers 2xx. Rejects when `timeoutMs` passes, or as soon as `stopped()` names
 * a reason (the server process exited) or `fatal(result)` does (an answer that will not improve).
 */
async function waitForPage(url, { timeoutMs = WAIT_MS, intervalMs = POLL_MS, requestTimeoutMs = REQUEST_MS, stopped = () => undefined, fatal = () => undefined } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer yet";
  for (;;) {
    const budget = Math.max(1, Math.min(requestTimeoutMs, deadline - Date.now()));
    const result = await probe(url, { timeoutMs: budget });
    if (result.ok) return result;
    // A last probe cut short by the deadline says less than the answer before it (an HTTP 404): keep that.
    const cutShort = budget < requestTimeoutMs && result.status === undefined && last !== "no answer yet";
    if (!cutShort) last = result.status !== undefined ? `HTTP ${result.status}` : (result.error ?? "no answer");
    const hopeless = fatal(result);
    if (hopeless) throw new Error(`${url}: ${hopeless}`);
    const gone = stopped();
    if (gone) throw new Error(`${url} did not answer (${last}), and ${gone}`);
    if (Date.now() + intervalMs > deadline) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s (last: ${last})`);
    await sleep(intervalMs);
  }
}

/** An https URL answered by a plain-http server: the TLS handshake reads an HTTP response. */
function plainHttpAnswer(result) {
  const text = `${result.code ?? ""} ${result.error ?? ""}`;
  return /EPROTO|wrong version number|packet length too long/i.test(text)
    ? "the server answers plain http, not https: it has no trusted certificate, and Excel will not load the pane"
    : undefined;
}

/** Runs `npm run <script>` detached, its output in `logFile`: it keeps serving after this exits. */
function startNpmScript(script, logFile) {
  const log = fs.openSync(logFile, "w");
  const npmCli = process.env.npm_execpath;
  // Under `npm start`, npm_execpath is npm's own script: run it with this Node (no shell, no .cmd).
  const [command, args, shell] =
    npmCli && /\.c?js$/.test(npmCli) ? [process.execPath, [npmCli, "run", script], false] : ["npm", ["run", script], process.platform === "win32"];
  const child = spawn(command, args, { cwd: ROOT, detached: true, stdio: ["ignore", log, log], shell, windowsHide: true });
  fs.closeSync(log);
  let exit;
  child.on("exit", (code, signal) => {
    exit = signal ? `the server stopped (${signal})` : `the server exited with code ${code}`;
  });
  child.on("error", (error) => {
    exit = `the server could not start: ${error.message}`;
  });
  child.unref();
  return { child, stopped: () => exit };
}

/** The last lines of the server's log, to show why it did not come up. */
function tail(file, lines = 25) {
  try {
    return fs.readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}

/** Makes sure the Office development certificate exists and is trusted, in the foreground (it may prompt). */
async function ensureCertificate() {
  const devCerts = require("office-addin-dev-certs");
  if (!devCerts.verifyCertificates()) await devCerts.ensureCertificatesAreInstalled();
}

/** Runs office-addin-debugging with this Node; resolves with its exit code. */
function officeAddinDebugging(args) {
  const cli = require.resolve("office-addin-debugging/cli.js");
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: ROOT, stdio: "inherit" });
    child.on("exit", (code) => resolve(code ?? 1));
    child.on("error", () => resolve(1));
  });
}

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

async function main(argv) {
  const release = argv.includes("--release");
  const passOn = argv.filter((a) => a !== "--release");
  const manifest = release ? path.join("dist", "manifest.xml") : "manifest.xml";
  const manifestPath = path.join(ROOT, manifest);
  if (!fs.existsSync(manifestPath)) {
    console.error(`${manifest} is missing${release ? ": run `npm run build` first" : ""}.`);
    return 1;
  }
  const page = sourceLocation(fs.readFileSync(manifestPath, "utf8"));
  const pageUrl = new URL(page);
  const port = pageUrl.port || "443";

  if (!LOCAL_HOSTS.has(pageUrl.hostname)) {
    // office-addin-debugging would look for a dev server on this machine, and start one, for nothing.
    console.error(`${manifest} points at ${pageUrl.origin}, not at this computer: sideload it by hand (README, "Sideload into Excel").`);
    return 1;
  }
  const already = await probe(page, { timeoutMs: 5_000 });
  if (already.ok) {
    console.log(`${page} answers: using the server that is running.`);
  } else {
    const reason = plainHttpAnswer(already);
    if (reason) {
      console.error(`Something on port ${port} answers plain http (a dev server without certificate?): stop it, then run this again.`);
      return 1;
    }
    try {
      await ensureCertificate();
    } catch (error) {
      console.error(
        [
          `The Office development certificate could not be installed: ${String(error instanceof Error ? error.message : error).split("\n")[0]}`,
          "Excel loads add-ins over https only. Install it where you have administrator rights:",
          "    npx office-addin-dev-certs install",
        ].join("\n"),
      );
      return 1;
    }
    const script = release ? "serve:https" : "dev-server";
    const logFile = path.join(os.tmpdir(), `pact-tracker-${script.replace(/\W/g, "-")}.log`);
    const server = startNpmScript(script, logFile);
    fs.writeFileSync(SERVER_FILE, JSON.stringify({ pid: server.child.pid, script, log: logFile }, null, 2));
    console.log(`Started \`npm run ${script}\` (process ${server.child.pid}; output in ${logFile}). Waiting for ${page} …`);
    try {
      const answer = await waitForPage(page, { stopped: server.stopped, fatal: plainHttpAnswer });
      console.log(`${page} answers (HTTP ${answer.status}).`);
    } catch (error) {
      console.error(`${error instanceof Error ? error.message : String(error)}\n--- last lines of ${logFile} ---\n${tail(logFile)}`);
      console.error("Not sideloading: Excel would open a pane that cannot load. `npm stop` stops the server.");
      return 1;
    }
  }
  return officeAddinDebugging(startArgs(manifest, passOn, port));
}

/**
 * The office-addin-debugging command line. --dev-server-port: it then sees the server running and
 * starts no second one (without it, it would run package.json's "dev-server" script again).
 */
function startArgs(manifest, passOn, port) {
  const args = ["start", manifest, ...passOn];
  if (!passOn.some((a) => a === "--dev-server-port" || a.startsWith("--dev-server-port="))) args.push("--dev-server-port", String(port));
  return args;
}

module.exports = { SERVER_FILE, sourceLocation, probe, waitForPage, plainHttpAnswer, startArgs };

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
