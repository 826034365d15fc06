import { readFileSync } from "node:fs";
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { selfSignedCertificate } from "./tls";

/** scripts/start.js (`npm start`): it sideloads only once the task pane's page answers. */

type Probe = { ok: boolean; status?: number; error?: string; code?: string };
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS script without types
const start = require("../../scripts/start.js") as {
  sourceLocation(manifestXml: string): string;
  probe(url: string, options?: { timeoutMs?: number }): Promise<Probe>;
  waitForPage(
    url: string,
    options?: { timeoutMs?: number; intervalMs?: number; requestTimeoutMs?: number; stopped?: () => string | undefined; fatal?: (result: Probe) => string | undefined },
  ): Promise<Probe>;
  plainHttpAnswer(result: Probe): string | undefined;
  startArgs(manifest: string, passOn: string[], port: string): string[];
};
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS script without types
const { releaseManifest } = require("../../scripts/manifest.js") as { releaseManifest(xml: string, o?: { baseUrl?: string }): string };

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

function listen(server: Server, port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve((server.address() as AddressInfo).port));
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
}

/** Answers 503 (as a server still building would fail) `failures` times, then the page. */
function flakyHandler(failures: number): { handler: Handler; requests: () => number } {
  let count = 0;
  return {
    requests: () => count,
    handler: (_req, res) => {
      count += 1;
      res.writeHead(count > failures ? 200 : 503, { "Content-Type": "text/html" });
      res.end("<!doctype html>");
    },
  };
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map(close));
});

const FAST = { intervalMs: 20, requestTimeoutMs: 1_000 };

describe("sourceLocation", () => {
  it("reads the task pane page from the development and the release manifest", () => {
    const dev = readFileSync(join(__dirname, "..", "..", "manifest.xml"), "utf8");
    expect(start.sourceLocation(dev)).toBe("https://localhost:3000/taskpane.html");
    expect(start.sourceLocation(releaseManifest(dev, { baseUrl: "https://addins.ministry.test/pact-tracker" }))).toBe(
      "https://addins.ministry.test/pact-tracker/taskpane.html",
    );
    expect(() => start.sourceLocation("<OfficeApp/>")).toThrow("no <SourceLocation");
  });
});

describe("waitForPage", () => {
  it("keeps asking until the page answers 2xx", async () => {
    const flaky = flakyHandler(3);
    const server = createHttpServer(flaky.handler);
    servers.push(server);
    const port = await listen(server);
    await expect(start.waitForPage(`http://127.0.0.1:${port}/taskpane.html`, { timeoutMs: 5_000, ...FAST })).resolves.toEqual({ ok: true, status: 200 });
    expect(flaky.requests()).toBe(4);
  });

  it("waits for a server that is not listening yet (the dev server still starting), over https", async () => {
    const { cert, key } = selfSignedCertificate();
    const placeholder = createHttpServer();
    const port = await listen(placeholder);
    await close(placeholder); // a free port, where nothing listens for now
    const server = createHttpsServer({ key, cert }, flakyHandler(0).handler);
    servers.push(server);
    setTimeout(() => void listen(server, port), 300);
    const began = Date.now();
    await expect(start.waitForPage(`https://127.0.0.1:${port}/taskpane.html`, { timeoutMs: 5_000, ...FAST })).resolves.toEqual({ ok: true, status: 200 });
    expect(Date.now() - began).toBeGreaterThanOrEqual(250);
  });

  it("gives up after the timeout, saying what it last got", async () => {
    const server = createHttpServer((_req, res) => {
      res.writeHead(404);
      res.end();
    });
    servers.push(server);
    const port = await listen(server);
    await expect(start.waitForPage(`http://127.0.0.1:${port}/taskpane.html`, { timeoutMs: 300, ...FAST })).rejects.toThrow(
      /taskpane\.html did not answer within 0\.3 s \(last: HTTP 404\)$/,
    );
  });

  it("stops at once when the server process has exited", async () => {
    const server = createHttpServer();
    const port = await listen(server);
    await close(server); // nothing listens there now
    const began = Date.now();
    await expect(
      start.waitForPage(`http://127.0.0.1:${port}/taskpane.html`, { timeoutMs: 60_000, ...FAST, stopped: () => "the server exited with code 1" }),
    ).rejects.toThrow(/did not answer \(.*ECONNREFUSED.*\), and the server exited with code 1$/);
    expect(Date.now() - began).toBeLessThan(5_000);
  });

  it("stops at once when an https address is answered in plain http (no certificate)", async () => {
    const server = createHttpServer(flakyHandler(0).handler);
    servers.push(server);
    const port = await listen(server);
    const url = `https://127.0.0.1:${port}/taskpane.html`;
    const answer = await start.probe(url);
    expect(answer.ok).toBe(false);
    expect(start.plainHttpAnswer(answer)).toContain("answers plain http");
    await expect(start.waitForPage(url, { timeoutMs: 60_000, ...FAST, fatal: start.plainHttpAnswer })).rejects.toThrow(
      `${url}: the server answers plain http, not https`,
    );
    expect(start.plainHttpAnswer({ ok: false, error: "connect ECONNREFUSED 127.0.0.1:3000", code: "ECONNREFUSED" })).toBeUndefined();
  });
});

describe("startArgs", () => {
  it("sideloads the manifest once the server runs, telling office-addin-debugging its port so it starts no second one", () => {
    expect(start.startArgs("manifest.xml", [], "3000")).toEqual(["start", "manifest.xml", "--dev-server-port", "3000"]);
    expect(start.startArgs(join("dist", "manifest.xml"), ["web", "--document", "https://contoso.sharepoint.test/x"], "3000")).toEqual([
      "start",
      join("dist", "manifest.xml"),
      "web",
      "--document",
      "https://contoso.sharepoint.test/x",
      "--dev-server-port",
      "3000",
    ]);
    expect(start.startArgs("manifest.xml", ["--dev-server-port=4000"], "3000")).toEqual(["start", "manifest.xml", "--dev-server-port=4000"]);
  });
});
