#!/usr/bin/env node
// Serves the built task pane (dist/) over plain http on localhost — standalone mode in a browser
// and e2e tests. Not for Excel: Office only loads add-in pages over https (use `npm run dev-server`).
//
//   npm run build && npm run serve          # PORT=4000 npm run serve for another port
//
// Programmatic use (e2e tests): const { startServer } = require("./scripts/serve.js");
//   const { server, url } = await startServer({ port: 0 });  ...  server.close();
const fs = require("node:fs");
const http = require("node:http");
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

/** Starts the server; resolves once it listens. port 0 picks a free port. */
function startServer({ root = DEFAULT_ROOT, port = 3000, host = "127.0.0.1" } = {}) {
  const absoluteRoot = path.resolve(root);
  const server = http.createServer(createHandler(absoluteRoot));
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      const address = server.address();
      const actualPort = typeof address === "object" && address ? address.port : port;
      // The address actually bound: "localhost" may resolve to ::1 first, where nothing listens.
      const shownHost = host.includes(":") ? `[${host}]` : host;
      resolve({ server, url: `http://${shownHost}:${actualPort}${DEFAULT_PAGE}` });
    });
  });
}

async function main() {
  const port = process.env.PORT === undefined ? 3000 : Number(process.env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PORT must be a port number, got "${process.env.PORT}".`);
    process.exit(2);
  }
  if (!fs.existsSync(path.join(DEFAULT_ROOT, "taskpane.html"))) {
    console.error(`${path.relative(process.cwd(), DEFAULT_ROOT) || "dist"}/taskpane.html is missing: run \`npm run build\` first.`);
    process.exit(1);
  }
  try {
    const { url } = await startServer({ port });
    console.log(`Serving dist/ (standalone mode, plain http) at ${url}`);
    console.log("Press Ctrl+C to stop.");
  } catch (error) {
    const reason = error && error.code === "EADDRINUSE" ? `port ${port} is in use (set PORT=...)` : String(error);
    console.error(`Could not start the server: ${reason}`);
    process.exit(1);
  }
}

module.exports = { startServer, contentType };

if (require.main === module) main();
