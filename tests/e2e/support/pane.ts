import { mkdirSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Download, type Page } from "playwright-core";

/**
 * The task pane in a real browser: the production build served by scripts/serve.js on 127.0.0.1,
 * opened in Debian's Chromium (never a downloaded one) in standalone mode.
 */

// scripts/serve.js is plain Node (CommonJS), shared with `npm run serve`.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS script without types
const { startServer } = require("../../../scripts/serve.js") as {
  startServer(options: { port: number }): Promise<{ server: Server; url: string }>;
};

export const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
export const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/";

const ROOT = join(__dirname, "..", "..", "..");
/** Committed: the user guide (docs/taskpane.md) shows these. */
export const DOC_SHOTS = join(ROOT, "docs", "screenshots");
/** Not committed (.gitignore): the same pictures as this run's artefacts. */
export const ARTEFACTS = join(ROOT, "test-output", "e2e");

/** Excel opens task panes 320–450 px wide; 350 is a common width, and the one the pictures show. */
export const PANE_WIDTH = 350;
const HEIGHT = 900;

export interface Pane {
  readonly page: Page;
  /** Console errors and page errors other than the unreachable Office CDN. */
  readonly problems: string[];
  close(): Promise<void>;
}

export class PaneBrowser {
  private constructor(
    private readonly browser: Browser,
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<PaneBrowser> {
    const { server, url } = await startServer({ port: 0 });
    try {
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
      return new PaneBrowser(browser, server, url);
    } catch (e) {
      server.close();
      throw e;
    }
  }

  async open(width = PANE_WIDTH): Promise<Pane> {
    const context: BrowserContext = await this.browser.newContext({ acceptDownloads: true, viewport: { width, height: HEIGHT }, deviceScaleFactor: 1, reducedMotion: "reduce" });
    const page = await context.newPage();
    const problems: string[] = [];
    // Office.js comes from Microsoft's CDN. This machine is offline, so the CDN is routed: office.js
    // is a stub that, like the real library in a plain browser, resolves onReady with no host
    // (standalone mode, without the "could not be loaded" notice; office-loading.e2e.ts covers
    // that). Anything else on the host is refused at once, independent of DNS.
    await page.route(`${OFFICE_JS_CDN}**`, (route) =>
      route.request().url() === `${OFFICE_JS_CDN}lib/1/hosted/office.js`
        ? route.fulfill({ status: 200, contentType: "text/javascript", body: "window.Office = { onReady: function () { return Promise.resolve({ host: null, platform: null }); }, context: { requirements: { isSetSupported: function () { return false; } } } };" })
        : route.abort("internetdisconnected"),
    );
    page.on("console", (m: ConsoleMessage) => {
      if (m.type() === "error" && !m.location().url.startsWith(OFFICE_JS_CDN)) problems.push(`console: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    await page.goto(this.url);
    await page.getByText("Running in a plain browser — standalone mode").waitFor();
    return { page, problems, close: () => context.close() };
  }

  async stop(): Promise<void> {
    await this.browser.close();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/**
 * Saves a full-page screenshot as a test artefact; with UPDATE_DOC_SCREENSHOTS=1 also for the
 * user guide (so an ordinary test run leaves the committed pictures alone).
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTEFACTS, { recursive: true });
  const png = await page.screenshot({ fullPage: true, animations: "disabled", caret: "hide" });
  writeFileSync(join(ARTEFACTS, `${name}.png`), png);
  if (process.env.UPDATE_DOC_SCREENSHOTS === "1") {
    mkdirSync(DOC_SHOTS, { recursive: true });
    writeFileSync(join(DOC_SHOTS, `${name}.png`), png);
  }
}

export interface UploadFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * A tab's file picker: its first, or the one whose button reads `picker` (Consolidate's second
 * picker, "Choose earlier-cycle files…").
 */
function pickerPart(page: Page, panel: string, part: string, picker: string | undefined) {
  const found = page.locator(`#panel-${panel} ${part}${picker ? `[aria-label="${picker}"]` : ""}`);
  return picker ? found : found.first();
}

/** Chooses files in the file input of one tab's panel (of the picker named `picker`, else the first). */
export async function chooseFiles(page: Page, panel: string, files: readonly UploadFile[], picker?: string): Promise<void> {
  await pickerPart(page, panel, "input[type=file]", picker).setInputFiles(files.map((f) => ({ name: f.name, mimeType: XLSX_TYPE, buffer: Buffer.from(f.bytes) })));
}

/** Drops files on one tab's drop zone (of the picker named `picker`, else the first), as dragging them from the file manager does. */
export async function dropFiles(page: Page, panel: string, files: readonly UploadFile[], picker?: string): Promise<void> {
  const payload = files.map((f) => ({ name: f.name, base64: Buffer.from(f.bytes).toString("base64"), type: XLSX_TYPE }));
  const transfer = await page.evaluateHandle((items) => {
    const dt = new DataTransfer();
    for (const item of items) {
      const bytes = Uint8Array.from(atob(item.base64), (c) => c.charCodeAt(0));
      dt.items.add(new File([bytes], item.name, { type: item.type }));
    }
    return dt;
  }, payload);
  const zone = pickerPart(page, panel, "[data-testid=drop-zone]", picker);
  await zone.dispatchEvent("dragover", { dataTransfer: transfer });
  await zone.dispatchEvent("drop", { dataTransfer: transfer });
}

/** Clicks and returns the download it starts, with its bytes. */
/** Generate: choose a framework by its title. */
export async function chooseFramework(page: Page, title: string): Promise<void> {
  await page.getByRole("combobox", { name: "Framework" }).click();
  await page.getByRole("option", { name: title }).click();
}

/** Generate: type into the party box, as a user searches, and take the option. */
export async function chooseParty(page: Page, typed: string, option: string): Promise<void> {
  const party = page.getByRole("combobox", { name: "Party" });
  await party.click();
  await party.pressSequentially(typed);
  await page.getByRole("option", { name: option }).click();
}

export async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Uint8Array }> {
  const [started] = await Promise.all([page.waitForEvent("download"), click()]);
  return { name: started.suggestedFilename(), bytes: await bytesOf(started) };
}

async function bytesOf(d: Download): Promise<Uint8Array> {
  const stream = await d.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

/** What an audit of the page as it is found: sideways scrolling and serious accessibility problems. */
export interface Audit {
  /** The document's scroll width beyond the viewport (0 when nothing scrolls sideways). */
  readonly overflow: number;
  /** Elements reaching past the viewport's right edge (the first few), to say what is too wide. */
  readonly tooWide: readonly string[];
  /** axe-core's serious and critical violations: "rule (impact): selector, …". */
  readonly violations: readonly string[];
}

const AXE_SOURCE = require.resolve("axe-core/axe.min.js");

/**
 * Runs axe-core (injected into the page) on the whole document, and measures horizontal overflow.
 * Minor and moderate findings are left to review; serious and critical ones fail the tests.
 */
export async function audit(page: Page): Promise<Audit> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: AXE_SOURCE });
  await settle(page);
  const layout = await page.evaluate(() => {
    // The viewport without a vertical scroll bar: anything past it scrolls sideways.
    const width = document.documentElement.clientWidth;
    const tooWide = [...document.querySelectorAll("body *")]
      .filter((e) => e.getBoundingClientRect().right > width + 0.5)
      .slice(0, 5)
      .map((e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ""} "${(e.textContent ?? "").slice(0, 40)}" → ${Math.round(e.getBoundingClientRect().right)} px`);
    return { overflow: Math.max(0, document.documentElement.scrollWidth - width), tooWide };
  });
  // A state that changes under the audit (a run finishing, a bar fading in) can show a colour
  // half-way through a transition: only what a second audit, after the page has settled, finds
  // again counts. A violation of the page as it stays is found both times.
  const first = await axeViolations(page);
  let violations = first;
  if (first.length > 0) {
    await settle(page);
    const second = new Set(await axeViolations(page));
    violations = first.filter((v) => second.has(v));
  }
  return { ...layout, violations };
}

/** Waits for running animations (a message bar or panel fading in has too little contrast for a moment). */
async function settle(page: Page): Promise<void> {
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));
}

/** axe-core's serious and critical violations of the page as it is: "rule (impact): selector, …". */
async function axeViolations(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; impact?: string | null; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => `${v.id} (${v.impact ?? ""}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
}
