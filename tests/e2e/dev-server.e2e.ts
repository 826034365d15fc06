import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { chromium, type Browser, type Route } from "playwright-core";
import { OFFICE_JS_CDN } from "../../src/taskpane/office-host";
import { CHROMIUM } from "./support/pane";

/**
 * The page `npm run dev-server` serves on a fresh clone loads office.js as production does, from
 * Microsoft's CDN, and falls back clearly when the CDN is blocked. The dev server runs here as the
 * script runs it (webpack serve --mode development), on plain http (no certificate can be trusted
 * on this machine: PACT_TRACKER_DEV_HTTP=1) and a port of its own.
 */

const ROOT = join(__dirname, "..", "..");
const PORT = 3917;
const PAGE = `http://localhost:${PORT}/taskpane.html`;
const CDN_HOST = new URL(OFFICE_JS_CDN).origin;
const STUB = "window.Office = { onReady: function () { return Promise.resolve({ host: null, platform: null }); }, context: { requirements: { isSetSupported: function () { return false; } } } };";

let server: ChildProcess | undefined;
let browser: Browser;
let log = "";

async function answered(url: string, deadline: number): Promise<void> {
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (server?.exitCode !== null && server?.exitCode !== undefined) throw new Error(`the dev server exited (${server.exitCode}):\n${log}`);
    if (Date.now() > deadline) throw new Error(`the dev server did not answer at ${url} in time:\n${log}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

beforeAll(async () => {
  server = spawn(process.execPath, [join(ROOT, "node_modules", "webpack", "bin", "webpack.js"), "serve", "--mode", "development", "--port", String(PORT)], {
    cwd: ROOT,
    env: { ...process.env, PACT_TRACKER_DEV_HTTP: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.on("data", (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
  server.stderr?.on("data", (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
  await answered(PAGE, Date.now() + 150_000);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--headless", "--disable-gpu"], headless: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  const dev = server;
  if (dev && dev.exitCode === null) {
    const exited = new Promise((resolve) => dev.once("exit", resolve));
    dev.kill("SIGTERM");
    await exited;
  }
  dev?.stdout?.destroy();
  dev?.stderr?.destroy();
});

async function openWith(cdn: (route: Route) => Promise<void>): Promise<{ text: (s: string) => Promise<number>; external: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 350, height: 900 } });
  const page = await context.newPage();
  const external: string[] = [];
  page.on("request", (r) => {
    if (!r.url().startsWith(`http://localhost:${PORT}`) && !r.url().startsWith("ws:")) external.push(r.url());
  });
  await page.route(`${CDN_HOST}/**`, cdn);
  await page.goto(PAGE);
  await page.getByText("Running in a plain browser — standalone mode").waitFor();
  return { text: (s) => page.getByText(s).count(), external, close: () => context.close() };
}

test("the development page asks Microsoft's CDN for office.js (nothing from node_modules) and starts with it", async () => {
  const opened = await openWith((route) => (route.request().url() === OFFICE_JS_CDN ? route.fulfill({ status: 200, contentType: "text/javascript", body: STUB }) : route.abort("blockedbyclient")));
  expect(opened.external).toEqual([OFFICE_JS_CDN]);
  await expect(opened.text("office.js could not be loaded")).resolves.toBe(0);
  const local = await fetch(`http://localhost:${PORT}/office-js/office.js`);
  expect(local.status).toBe(404);
  await opened.close();
});

test("with the CDN blocked, the development page says so and works on files", async () => {
  const opened = await openWith((route) => route.abort("blockedbyclient"));
  expect(opened.external).toEqual([OFFICE_JS_CDN]);
  await expect(opened.text("office.js could not be loaded")).resolves.toBeGreaterThan(0);
  await expect(opened.text("Download template (.xlsx)")).resolves.toBe(1);
  await opened.close();
});
