import type { Server } from "node:http";
import { chromium, type Browser, type BrowserContext, type Page, type Route } from "playwright-core";
import { OFFICE_JS_CDN, OFFICE_READY_TIMEOUT_GLOBAL } from "../../src/taskpane/office-host";
import { selfSignedCertificate } from "../scripts/tls";
import { CHROMIUM, audit, chooseFramework, chooseParty, download } from "./support/pane";

/**
 * How the production pane loads office.js, in Chromium, with Microsoft's CDN routed (this machine
 * has no internet, and a test must not wait on DNS): a stub office.js outside Office, the CDN
 * unreachable, and an office.js whose Office.onReady never answers. Also the release build served
 * over https, as `npm run serve:https` serves it for sideloading.
 */

// scripts/serve.js is plain Node (CommonJS), shared with `npm run serve`.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS script without types
const { startServer } = require("../../scripts/serve.js") as {
  startServer(options: { port: number; tls?: { key: string; cert: string }; host?: string; urlHost?: string }): Promise<{ server: Server; url: string }>;
};

const CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const CDN_HOST = new URL(OFFICE_JS_CDN).origin;

/** office.js as far as the pane needs it outside Office: onReady answers "no host". */
const STUB_OUTSIDE_OFFICE = `
  window.OSF = { ConstantNames: { FileVersion: "16.0.99999.10000" } };
  window.Office = {
    onReady: function () { return Promise.resolve({ host: null, platform: null }); },
    context: { requirements: { isSetSupported: function () { return false; } } }
  };`;

/** An office.js that loads but whose Office.onReady never settles (Office stuck). */
const STUB_SILENT = `
  window.Office = {
    onReady: function () { return new Promise(function () {}); },
    context: { requirements: { isSetSupported: function () { return false; } } }
  };`;

let browser: Browser;
let server: Server;
let url: string;

beforeAll(async () => {
  ({ server, url } = await startServer({ port: 0 }));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
});
afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

interface Opened {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Every URL the page asked for outside the local server. */
  readonly external: string[];
  /** Console errors (other than the CDN's own failed request) and page errors. */
  readonly problems: string[];
}

let opened: Opened | undefined;
afterEach(async () => {
  await opened?.context.close();
  opened = undefined;
});

async function open(cdn: (route: Route) => Promise<void>, options: { width?: number; timeoutMs?: number; pageUrl?: string; https?: boolean } = {}): Promise<Opened> {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: options.width ?? 350, height: 900 }, ignoreHTTPSErrors: options.https ?? false });
  const page = await context.newPage();
  const target = options.pageUrl ?? url;
  const local = new URL(target).origin;
  const external: string[] = [];
  const problems: string[] = [];
  page.on("request", (r) => {
    if (!r.url().startsWith(local)) external.push(r.url());
  });
  page.on("console", (m) => {
    if (m.type() === "error" && !m.location().url.startsWith(CDN_HOST)) problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  // Everything on Microsoft's host is routed: nothing waits on the network.
  await page.route(`${CDN_HOST}/**`, cdn);
  if (options.timeoutMs !== undefined) {
    await page.addInitScript(([name, ms]) => ((window as unknown as Record<string, number>)[name] = ms), [OFFICE_READY_TIMEOUT_GLOBAL, options.timeoutMs] as const);
  }
  await page.goto(target);
  opened = { page, context, external, problems };
  return opened;
}

const script = (body: string) => (route: Route) =>
  route.request().url() === OFFICE_JS_CDN ? route.fulfill({ status: 200, contentType: "text/javascript", body }) : route.abort("blockedbyclient");

test("(a) loads office.js from exactly Microsoft's CDN URL and, outside Office, starts in standalone mode with no error", async () => {
  const { page, external, problems } = await open(script(STUB_OUTSIDE_OFFICE));
  await page.getByRole("status").filter({ hasText: "Running in a plain browser — standalone mode" }).waitFor();
  await expect(page.getByTestId("office-js").textContent()).resolves.toBe(`office.js: ${OFFICE_JS_CDN} (build 16.0.99999.10000)`);
  expect(external).toEqual([OFFICE_JS_CDN]);
  await expect(page.getByText("office.js could not be loaded").count()).resolves.toBe(0);
  await expect(page.getByText("Office did not answer").count()).resolves.toBe(0);
  await expect(page.getByRole("tab", { name: "Generate" }).isVisible()).resolves.toBe(true);
  expect(problems).toEqual([]);
});

test("(b) with the CDN unreachable, says office.js could not be loaded, and the work on files still works", async () => {
  const { page, external, problems } = await open((route) => route.abort("internetdisconnected"), { width: 320 });
  await page.getByRole("status").filter({ hasText: "Running in a plain browser — standalone mode" }).waitFor();
  const notice = page.getByRole("group").filter({ hasText: "office.js could not be loaded" });
  await expect(notice.textContent()).resolves.toContain(`did not load from ${OFFICE_JS_CDN} (offline, or the address is blocked), so only the standalone work on files is available.`);
  await expect(page.getByTestId("office-js").count()).resolves.toBe(0);
  expect(external).toEqual([OFFICE_JS_CDN]);

  // The Generate tab works on files.
  await chooseFramework(page, "Prague Process Action Plan 2023–2027");
  await chooseParty(page, "arm", "Armenia (AM)");
  const file = await download(page, () => page.getByRole("button", { name: "Download template (.xlsx)" }).click());
  expect(file.name).toMatch(/^prague-ap-2023_AM_.+\.xlsx$/);
  expect(Buffer.from(file.bytes.subarray(0, 2)).toString("latin1")).toBe("PK");

  // The long address wraps in the narrowest pane, and the notice is accessible.
  await expect(audit(page)).resolves.toEqual({ overflow: 0, tooWide: [], violations: [] });
  expect(problems).toEqual([]);
});

test("(c) when Office.onReady never answers, says so after the timeout and goes on in standalone mode", async () => {
  const began = Date.now();
  const { page, problems } = await open(script(STUB_SILENT), { timeoutMs: 1000, width: 320 });
  await page.getByText("Connecting to Office…").waitFor();
  await page.getByRole("status").filter({ hasText: "Not connected to Office — standalone mode" }).waitFor();
  expect(Date.now() - began).toBeGreaterThanOrEqual(1000);
  const notice = page.getByRole("group").filter({ hasText: "Office did not answer" });
  await expect(notice.textContent()).resolves.toContain(
    "Office did not answer within 1 second; the pane continues in standalone mode, on files. If you are in Excel, close and reopen the pane.",
  );
  await expect(page.getByText("Connecting to Office…").count()).resolves.toBe(0);
  await expect(page.getByTestId("office-js").textContent()).resolves.toBe(`office.js: ${OFFICE_JS_CDN}`);
  await page.getByRole("tab", { name: "Validate" }).click();
  await expect(page.locator("#panel-validate").isVisible()).resolves.toBe(true);
  await expect(audit(page)).resolves.toEqual({ overflow: 0, tooWide: [], violations: [] });
  expect(problems).toEqual([]);
});

test("the release build, served over https as `npm run serve:https` does, starts the same way", async () => {
  const secure = await startServer({ port: 0, tls: selfSignedCertificate(), urlHost: "127.0.0.1" });
  try {
    expect(secure.url).toMatch(/^https:/);
    const { page, external, problems } = await open(script(STUB_OUTSIDE_OFFICE), { pageUrl: secure.url, https: true });
    await page.getByRole("status").filter({ hasText: "Running in a plain browser — standalone mode" }).waitFor();
    await expect(page.evaluate(() => window.location.protocol)).resolves.toBe("https:");
    expect(external).toEqual([OFFICE_JS_CDN]);
    expect(problems).toEqual([]);
  } finally {
    await opened?.context.close();
    opened = undefined;
    await new Promise<void>((resolve) => secure.server.close(() => resolve()));
  }
});
