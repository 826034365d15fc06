import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TLSSocket } from "node:tls";
import { selfSignedCertificate } from "./tls";

/** scripts/serve.js: `npm run serve` and `npm run serve:https`. */

type Tls = { key: string; cert: string };
type Started = { server: Server; url: string };
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS script without types
const serve = require("../../scripts/serve.js") as {
  startServer(options: { root?: string; port?: number; host?: string; tls?: Tls; urlHost?: string }): Promise<Started>;
  run(options: {
    argv: string[];
    env: Record<string, string | undefined>;
    root?: string;
    getCertificate?: () => Promise<Tls>;
    out?: (line: string) => void;
    err?: (line: string) => void;
  }): Promise<{ code?: number; server?: Server; url?: string }>;
};

interface Fetched {
  status: number;
  type: string;
  body: string;
  /** The certificate's common name, over https. */
  peer?: string;
}

/** GET, not verifying the certificate unless `ca` is given (then verifying it against that). */
function get(url: string, ca?: string): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const secure = url.startsWith("https:");
    const options = secure ? (ca ? { ca, servername: "localhost" } : { rejectUnauthorized: false }) : {};
    const req = (secure ? httpsRequest : httpRequest)(url, { method: "GET", ...options }, (res) => {
      // Read while the socket is still attached to the response.
      const cn: unknown = secure ? (res.socket as TLSSocket).getPeerCertificate().subject?.CN : undefined;
      const peer = typeof cn === "string" ? cn : undefined;
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, type: String(res.headers["content-type"]), body: Buffer.concat(chunks).toString("utf8"), ...(peer ? { peer } : {}) });
      });
    });
    req.on("error", reject);
    req.end();
  });
}

function close(server: Server | undefined): Promise<void> {
  return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
}

/** A port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

let tls: Tls;
let root: string;
const PAGE = "<!doctype html><title>Pact Tracker</title>";

beforeAll(() => {
  tls = selfSignedCertificate();
  root = mkdtempSync(join(tmpdir(), "pact-tracker-serve-"));
  writeFileSync(join(root, "taskpane.html"), PAGE);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function manifestPointingAt(url: string): void {
  writeFileSync(join(root, "manifest.xml"), `<OfficeApp><DefaultSettings><SourceLocation DefaultValue="${url}"/></DefaultSettings></OfficeApp>`);
}

describe("startServer", () => {
  it("serves https with the key and certificate it is given", async () => {
    const { server, url } = await serve.startServer({ root, port: 0, tls });
    try {
      expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/taskpane\.html$/);
      const page = await get(url);
      expect(page).toEqual({ status: 200, type: "text/html; charset=utf-8", body: PAGE, peer: "localhost" });
      // Trusting exactly that certificate is enough: the server presents it, for localhost.
      await expect(get(url, tls.cert)).resolves.toMatchObject({ status: 200 });
    } finally {
      await close(server);
    }
  });

  it("still serves plain http without tls (standalone mode, e2e)", async () => {
    const { server, url } = await serve.startServer({ root, port: 0 });
    try {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/taskpane\.html$/);
      await expect(get(url)).resolves.toMatchObject({ status: 200, body: PAGE });
    } finally {
      await close(server);
    }
  });
});

describe("serve --https", () => {
  function capture() {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, sinks: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
  }

  it("serves the release build over https on localhost with the Office certificate, and names the manifest to sideload", async () => {
    const port = await freePort();
    manifestPointingAt(`https://localhost:${port}/taskpane.html`);
    const { out, err, sinks } = capture();
    const started = await serve.run({ argv: ["--https"], env: { PORT: String(port) }, root, getCertificate: async () => tls, ...sinks });
    try {
      expect(started.code).toBeUndefined();
      expect(started.url).toBe(`https://localhost:${port}/taskpane.html`);
      await expect(get(started.url ?? "")).resolves.toMatchObject({ status: 200, body: PAGE, peer: "localhost" });
      expect(out.join("\n")).toContain(`over https at https://localhost:${port}/taskpane.html`);
      expect(out.join("\n")).toMatch(/Sideload .*manifest\.xml \(the release manifest/);
      expect(err).toEqual([]);
    } finally {
      await close(started.server);
    }
  });

  it("warns when dist/manifest.xml sends Excel to another server", async () => {
    manifestPointingAt("https://addins.ministry.test/pact-tracker/taskpane.html");
    const { out, sinks } = capture();
    const started = await serve.run({ argv: ["--https"], env: { PORT: "0" }, root, getCertificate: async () => tls, ...sinks });
    try {
      expect(out.join("\n")).toMatch(/Note: .*manifest\.xml sends Excel to https:\/\/addins\.ministry\.test\/pact-tracker\/taskpane\.html, not to this server/);
    } finally {
      await close(started.server);
    }
  });

  it("says clearly what to do when the certificate is unavailable, and serves nothing", async () => {
    const { out, err, sinks } = capture();
    const failing = async (): Promise<Tls> => {
      throw new Error("Unable to install the CA certificate.\nsudo: a terminal is required");
    };
    const result = await serve.run({ argv: ["--https"], env: { PORT: "0" }, root, getCertificate: failing, ...sinks });
    expect(result).toEqual({ code: 1 });
    const message = err.join("\n");
    expect(message).toContain("The Office development certificate is not available: Unable to install the CA certificate.");
    expect(message).not.toContain("sudo: a terminal is required");
    expect(message).toContain("npx office-addin-dev-certs install");
    expect(message).toContain("plain\n`npm run serve` needs no certificate");
    expect(out).toEqual([]);
  });

  it("refuses unknown arguments and a missing build", async () => {
    const { err, sinks } = capture();
    await expect(serve.run({ argv: ["--http2"], env: {}, root, ...sinks })).resolves.toEqual({ code: 2 });
    expect(err[0]).toContain("Unknown argument --http2");
    const empty = mkdtempSync(join(tmpdir(), "pact-tracker-empty-"));
    try {
      await expect(serve.run({ argv: ["--https"], env: {}, root: empty, getCertificate: async () => tls, ...sinks })).resolves.toEqual({ code: 1 });
      expect(err[1]).toContain("taskpane.html is missing: run `npm run build` first.");
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
