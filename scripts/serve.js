#!/usr/bin/env node
// Serves the built task pane (dist/).
//
//   npm run build && npm run serve          plain http on 127.0.0.1: standalone mode in a browser,
//                                           and the e2e tests. Not for Excel (Office needs https).
//   npm run build && npm run serve:https    https://localhost:3000 with the Office development
//                                           certificate (office-addin-dev-certs): the release build,
//                                           to sideload dist/manifest.xml (see the README).
//   PORT=4000 npm run serve                 another port
//
// Programmatic use (e2e tests): const { startServer } = require("./scripts/serve.js");
//   const { server, url } = await startServer({ port: 0 });  ...  server.close();
//   startServer({ port: 0, tls: { key, cert } }) serves https with that key and certificate.
const fs = require("node:fs");
const http = require("node:http");
const https = require("node:https");
const path = require("node:path");

const DEFAULT_ROOT = path.join(__dirname, "..", "dist");
const DEFAULT_PAGE = "/taskpane.html";

const CONTENT_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
};

function contentType(file) {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream";
}

/** Maps a request path to a file under root, or null if it would leave root. */
function resolveInside(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes("\0")) return null;
  const file = path.resolve(root, "." + path.posix.normalize("/" + decoded));
  return file === root || file.startsWith(root + path.sep) ? file : null;
}

function send(res, status, text) {
  res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

function createHandler(root) {
  return (req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.setHeader("Allow", "GET, HEAD");
      return send(res, 405, "Method Not Allowed\n");
    }
    const { pathname } = new URL(req.url ?? "/", "http://localhost");
    const file = resolveInside(root, pathname === "/" ? DEFAULT_PAGE : pathname);
    if (!file) return send(res, 400, "Bad Request\n");
    fs.stat(file, (error, stat) => {
      if (error || !stat.isFile()) return send(res, 404, `Not Found: ${pathname}\n`);
      res.writeHead(200, {
        "Content-Type": contentType(file),
        "Content-Length": stat.size,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      });
      if (req.method === "HEAD") return res.end();
      fs.createReadStream(file)
        .on("error", () => res.destroy())
        .pipe(res);
    });
  };
}

/**
 * Starts the server; resolves once it listens. port 0 picks a free port. With `tls` ({ key, cert },
 * optionally ca) it serves https; the URL then names `urlHost` (default: the bound host), since a
 * certificate names localhost rather than an address.
 */
function startServer({ root = DEFAULT_ROOT, port = 3000, host = "127.0.0.1", tls, urlHost } = {}) {
  const absoluteRoot = path.resolve(root);
  const handler = createHandler(absoluteRoot);
  const server = tls ? https.createServer({ key: tls.key, cert: tls.cert, ...(tls.ca ? { ca: tls.ca } : {}) }, handler) : http.createServer(handler);
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const address = server.address();
      const actualPort = typeof address === "object" && address ? address.port : port;
      // The address actually bound: "localhost" may resolve to ::1 first, where nothing listens.
      const shownHost = urlHost ?? (host.includes(":") ? `[${host}]` : host);
      resolve({ server, url: `${tls ? "https" : "http"}://${shownHost}:${actualPort}${DEFAULT_PAGE}` });
    });
  });
}

/** The Office development certificate, installing it if needed (what the dev server uses too). */
async function officeDevCertificate() {
  const devCerts = require("office-addin-dev-certs");
  const { key, cert, ca } = await devCerts.getHttpsServerOptions();
  return { key, cert, ca };
}

/** The page dist/manifest.xml sends Excel to (its SourceLocation), or undefined. */
function manifestSourceLocation(root) {
  let xml;
  try {
    xml = fs.readFileSync(path.join(root, "manifest.xml"), "utf8");
  } catch {
    return undefined;
  }
  return /<SourceLocation\s+DefaultValue="([^"]+)"/.exec(xml)?.[1];
}

/**
 * The command: parses argv and the environment, serves, reports. Returns the exit code for a
 * failure, or the running server. The certificate source is injectable so tests need no trust store.
 */
async function run({
  argv = process.argv.slice(2),
  env = process.env,
  root = DEFAULT_ROOT,
  getCertificate = officeDevCertificate,
  out = console.log,
  err = console.error,
} = {}) {
  const unknown = argv.filter((a) => a !== "--https");
  if (unknown.length > 0) {
    err(`Unknown argument ${unknown[0]}. Usage: node scripts/serve.js [--https]   (PORT=… for another port)`);
    return { code: 2 };
  }
  const secure = argv.includes("--https");
  const port = env.PORT === undefined ? 3000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    err(`PORT must be a port number, got "${env.PORT}".`);
    return { code: 2 };
  }
  if (!fs.existsSync(path.join(root, "taskpane.html"))) {
    err(`${path.relative(process.cwd(), root) || "dist"}/taskpane.html is missing: run \`npm run build\` first.`);
    return { code: 1 };
  }
  let tls;
  if (secure) {
    try {
      tls = await getCertificate();
    } catch (error) {
      const detail = String(error instanceof Error ? error.message : error).split("\n")[0];
      err(
        [
          `The Office development certificate is not available: ${detail}`,
          "Excel loads add-ins over https only, from a certificate this computer trusts. Install it once",
          "(it needs administrator rights: sudo on Mac and Linux, an elevated prompt on Windows):",
          "    npx office-addin-dev-certs install",
          "then run `npm run serve:https` again. For the pane in a browser (standalone mode), plain",
          "`npm run serve` needs no certificate.",
        ].join("\n"),
      );
      return { code: 1 };
    }
  }
  try {
    // https: bind localhost like the dev server, so https://localhost:PORT (the manifest's address,
    // the name the certificate is for) reaches it.
    const { server, url } = await startServer(secure ? { root, port, host: "localhost", tls, urlHost: "localhost" } : { root, port });
    if (secure) {
      out(`Serving ${path.relative(process.cwd(), root) || "dist"}/ over https at ${url}`);
      // A release built for another host would send Excel elsewhere: say so before anyone sideloads it.
      const source = manifestSourceLocation(root);
      const manifest = path.relative(process.cwd(), path.join(root, "manifest.xml"));
      if (source && source !== url) {
        out(`Note: ${manifest} sends Excel to ${source}, not to this server; build without PACT_TRACKER_BASE_URL to sideload this one.`);
      } else if (source) {
        out(`Sideload ${manifest} (the release manifest; see "Sideload into Excel" in the README).`);
      }
    } else {
      out(`Serving dist/ (standalone mode, plain http) at ${url}`);
    }
    out("Press Ctrl+C to stop.");
    return { server, url };
  } catch (error) {
    const reason = error && error.code === "EADDRINUSE" ? `port ${port} is in use (set PORT=...)` : String(error);
    err(`Could not start the server: ${reason}`);
    return { code: 1 };
  }
}

async function main() {
  const result = await run();
  if (result.code !== undefined) process.exit(result.code);
}

module.exports = { startServer, contentType, run };

if (require.main === module) main();
