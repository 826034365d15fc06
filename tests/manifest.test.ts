/**
 * Offline checks of the add-in manifests (`npm run validate` needs Microsoft's online service):
 * manifest.xml, the development manifest, and the release manifest `npm run build` writes to
 * dist/manifest.xml from it (scripts/manifest.js), for the default host and for another one.
 *
 * Each check is a function from the parsed manifest to a list of problems. The first block runs
 * them on the real manifests and expects none; the second breaks a copy of the manifest (or of
 * assets/) in one way per check and expects that check to report it, so no check passes vacuously.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { SaxesParser } from "saxes";
import { OFFICE_JS_CDN, REQUIRED_EXCEL_API } from "../src/taskpane/office-host";

// scripts/manifest.js is plain Node (CommonJS), shared with webpack.config.js.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS script without types
const manifests = require("../scripts/manifest.js") as {
  DEV: { id: string; displayName: string; baseUrl: string };
  RELEASE: { id: string; displayName: string; defaultBaseUrl: string };
  releaseBaseUrl(value?: string): string;
  releaseManifest(devXml: string, options?: { baseUrl?: string }): string;
};
const { DEV, RELEASE, releaseBaseUrl, releaseManifest } = manifests;

const ROOT = path.join(__dirname, "..");
const MANIFEST = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
const ASSETS_DIR = path.join(ROOT, "assets");
/** The pages webpack emits (HtmlWebpackPlugin templates) are src/taskpane/<name>.html. */
const PAGES_DIR = path.join(ROOT, "src", "taskpane");
/** A host of our own for the release manifest (.test is reserved: it is nobody's). */
const HOSTED_BASE = "https://addins.ministry.test/pact-tracker";

const NS = {
  app: "http://schemas.microsoft.com/office/appforoffice/1.1",
  bt: "http://schemas.microsoft.com/office/officeappbasictypes/1.0",
  ov: "http://schemas.microsoft.com/office/taskpaneappversionoverrides",
  xsi: "http://www.w3.org/2001/XMLSchema-instance",
  xmlns: "http://www.w3.org/2000/xmlns/",
};

// ---- a small namespace-aware tree built with saxes -----------------------------------------

interface XmlAttr {
  readonly name: string;
  readonly local: string;
  readonly uri: string;
  readonly value: string;
}

interface XmlElement {
  readonly name: string;
  readonly local: string;
  readonly uri: string;
  readonly attrs: readonly XmlAttr[];
  readonly children: XmlElement[];
  readonly parent: XmlElement | null;
  readonly line: number;
  text: string;
}

function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  parser.on("opentag", (tag) => {
    const parent = stack[stack.length - 1] ?? null;
    const element: XmlElement = {
      name: tag.name,
      local: tag.local,
      uri: tag.uri,
      attrs: Object.values(tag.attributes).map((a) => ({ name: a.name, local: a.local, uri: a.uri, value: a.value })),
      children: [],
      parent,
      line: parser.line,
      text: "",
    };
    if (parent) parent.children.push(element);
    else root = element;
    stack.push(element);
  });
  parser.on("text", (text) => {
    const top = stack[stack.length - 1];
    if (top) top.text += text;
  });
  parser.on("closetag", () => {
    stack.pop();
  });
  parser.write(xml).close(); // throws on malformed XML
  if (!root) throw new Error("no root element");
  return root;
}

function* walk(element: XmlElement): Generator<XmlElement> {
  yield element;
  for (const child of element.children) yield* walk(child);
}

/** An attribute without a namespace (resid, DefaultValue, ...) or, with uri, a qualified one. */
function attr(element: XmlElement, local: string, uri = ""): string | undefined {
  return element.attrs.find((a) => a.local === local && a.uri === uri)?.value;
}

function children(element: XmlElement | undefined, local: string, uri?: string): XmlElement[] {
  return (element?.children ?? []).filter((c) => c.local === local && (uri === undefined || c.uri === uri));
}

function descendants(element: XmlElement, local: string, uri?: string): XmlElement[] {
  return [...walk(element)].filter((e) => e.local === local && (uri === undefined || e.uri === uri));
}

function where(element: XmlElement): string {
  return `<${element.name}> (line ${element.line})`;
}

// ---- the checks ----------------------------------------------------------------------------

interface Context {
  readonly assetsDir: string;
  /** Where the manifest's pages and icons live: every URL starts with it and a slash. */
  readonly base: string;
}

type Check = (root: XmlElement, context: Context) => string[];

/** OfficeApp (TaskPaneApp) content model: OfficeApp's sequence, then TaskPaneApp's extension. */
const OFFICE_APP_ORDER = [
  "Id",
  "AlternateId",
  "Version",
  "ProviderName",
  "DefaultLocale",
  "DisplayName",
  "Description",
  "IconUrl",
  "HighResolutionIconUrl",
  "SupportUrl",
  "AppDomains",
  "Hosts",
  "Requirements",
  "DefaultSettings",
  "Permissions",
  "Dictionary",
  "VersionOverrides",
  "ExtendedOverrides",
];
const OFFICE_APP_REQUIRED = [
  "Id",
  "Version",
  "ProviderName",
  "DefaultLocale",
  "DisplayName",
  "Description",
  "DefaultSettings",
  "Permissions",
];

type ResourceKind = "Image" | "Url" | "ShortString" | "LongString";

/** Resource element (under VersionOverrides/Resources) -> kind. */
const RESOURCE_GROUPS: Record<string, ResourceKind> = {
  Images: "Image",
  Urls: "Url",
  ShortStrings: "ShortString",
  LongStrings: "LongString",
};

/** Which kind of resource an element with a resid refers to. */
function expectedKind(element: XmlElement): ResourceKind | undefined {
  if (element.local === "Image" && element.uri === NS.bt && element.parent?.local === "Icon") return "Image";
  if (["SourceLocation", "FunctionFile", "LearnMoreUrl"].includes(element.local)) return "Url";
  if (["Label", "Title"].includes(element.local)) return "ShortString";
  if (element.local === "Description") return "LongString";
  return undefined;
}

/** Maximum lengths from the OfficeAppBasicTypes schema. */
const MAX_RESOURCE_ID = 32;
const MAX_LENGTH: Partial<Record<ResourceKind, number>> = { ShortString: 125, LongString: 250 };

interface Resource {
  readonly id: string;
  readonly kind: ResourceKind;
  readonly value: string;
  readonly element: XmlElement;
}

function resources(root: XmlElement): Resource[] {
  const out: Resource[] = [];
  for (const container of descendants(root, "Resources", NS.ov)) {
    for (const group of container.children) {
      const kind = RESOURCE_GROUPS[group.local];
      if (!kind) continue;
      for (const element of group.children) {
        out.push({ id: attr(element, "id") ?? "", kind, value: attr(element, "DefaultValue") ?? "", element });
      }
    }
  }
  return out;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Documentation domains (RFC 2606) and template leftovers: never a real address of ours. */
const PLACEHOLDER = /\bexample\.(org|com|net)\b|contoso\.com/i;

/** Elements whose value is a URL, with that value. */
function urlValues(root: XmlElement): Array<[XmlElement, string | undefined]> {
  const found: Array<[XmlElement, string | undefined]> = [];
  for (const element of walk(root)) {
    if (["IconUrl", "HighResolutionIconUrl", "SupportUrl"].includes(element.local) && element.uri === NS.app) {
      found.push([element, attr(element, "DefaultValue")]);
    }
    if (element.local === "SourceLocation" && element.uri === NS.app) found.push([element, attr(element, "DefaultValue")]);
    if (element.uri === NS.bt && ["Image", "Url"].includes(element.local) && attr(element, "id") !== undefined) {
      found.push([element, attr(element, "DefaultValue")]);
    }
    if (element.local === "AppDomain") found.push([element, element.text.trim()]);
    if (element.local === "Override" && ["IconUrl", "HighResolutionIconUrl", "SupportUrl", "SourceLocation", "Image", "Url"].includes(element.parent?.local ?? "")) {
      found.push([element, attr(element, "Value")]);
    }
  }
  return found;
}

const checks = {
  root(root) {
    const problems: string[] = [];
    if (root.local !== "OfficeApp" || root.uri !== NS.app) problems.push(`root is ${where(root)}, expected OfficeApp in ${NS.app}`);
    const type = attr(root, "type", NS.xsi);
    if (type !== "TaskPaneApp") problems.push(`OfficeApp xsi:type is "${type}", expected "TaskPaneApp"`);
    return problems;
  },

  order(root) {
    const problems: string[] = [];
    let last = -1;
    for (const child of root.children) {
      const index = OFFICE_APP_ORDER.indexOf(child.local);
      const expectedUri = child.local === "VersionOverrides" ? NS.ov : NS.app;
      if (index < 0 || child.uri !== expectedUri) {
        problems.push(`order: ${where(child)} is not an OfficeApp child element`);
        continue;
      }
      if (index <= last) {
        problems.push(`order: ${where(child)} comes after <${OFFICE_APP_ORDER[last]}> but must come before it`);
      }
      last = Math.max(last, index);
    }
    for (const name of OFFICE_APP_REQUIRED) {
      if (children(root, name).length === 0) problems.push(`order: required <${name}> is missing`);
    }
    return problems;
  },

  identity(root) {
    const problems: string[] = [];
    const id = children(root, "Id")[0]?.text.trim() ?? "";
    if (!GUID.test(id)) problems.push(`Id "${id}" is not a GUID`);
    const version = children(root, "Version")[0]?.text.trim() ?? "";
    if (!/^\d{1,5}(\.\d{1,5}){0,3}$/.test(version)) problems.push(`Version "${version}" is not n.n.n.n`);
    return problems;
  },

  hosts(root) {
    const problems: string[] = [];
    const names = children(children(root, "Hosts")[0], "Host").map((h) => attr(h, "Name"));
    if (!names.includes("Workbook")) problems.push(`Hosts are [${names.join(", ")}], expected Workbook`);
    for (const host of descendants(root, "Host", NS.ov)) {
      const type = attr(host, "type", NS.xsi);
      if (type !== "Workbook") problems.push(`VersionOverrides ${where(host)} has xsi:type "${type}", expected Workbook`);
    }
    return problems;
  },

  permissions(root) {
    const value = children(root, "Permissions")[0]?.text.trim();
    return value === "ReadWriteDocument" ? [] : [`Permissions is "${value}", expected ReadWriteDocument`];
  },

  requirements(root) {
    const sets = children(children(children(root, "Requirements")[0], "Sets")[0], "Set");
    const excel = sets.find((s) => attr(s, "Name") === "ExcelApi");
    if (!excel) return ["Requirements/Sets has no <Set Name=\"ExcelApi\">"];
    const min = attr(excel, "MinVersion");
    if (!min || !/^\d+\.\d+$/.test(min)) return [`ExcelApi MinVersion is "${min}", expected a version like 1.9`];
    if (min !== REQUIRED_EXCEL_API.minVersion) {
      return [`ExcelApi MinVersion ${min} differs from REQUIRED_EXCEL_API (${REQUIRED_EXCEL_API.minVersion}) in src/taskpane/office-host.ts`];
    }
    return [];
  },

  resids(root) {
    const problems: string[] = [];
    const all = resources(root);
    const seen = new Set<string>();
    for (const resource of all) {
      if (!resource.id) problems.push(`resource ${where(resource.element)} has no id`);
      if (resource.id.length > MAX_RESOURCE_ID) problems.push(`resource id "${resource.id}" is longer than ${MAX_RESOURCE_ID}`);
      if (seen.has(resource.id)) problems.push(`resource id "${resource.id}" is defined twice`);
      seen.add(resource.id);
      const max = MAX_LENGTH[resource.kind];
      if (max !== undefined && resource.value.length > max) {
        problems.push(`${resource.kind} "${resource.id}" is ${resource.value.length} characters (max ${max})`);
      }
    }
    for (const user of [...walk(root)].filter((e) => attr(e, "resid") !== undefined)) {
      const resid = attr(user, "resid") ?? "";
      const kind = expectedKind(user);
      if (!kind) {
        problems.push(`resid: no rule says which resource kind ${where(user)} needs; add it to expectedKind()`);
        continue;
      }
      const target = all.find((r) => r.id === resid);
      if (!target) problems.push(`resid: ${where(user)} refers to "${resid}", which is not in <Resources>`);
      else if (target.kind !== kind) {
        problems.push(`resid: ${where(user)} needs kind ${kind}, but "${resid}" is ${target.kind}`);
      }
    }
    return problems;
  },

  https(root) {
    const problems: string[] = [];
    // Elements whose value is a URL: it must be an absolute https URL.
    for (const [element, value] of urlValues(root)) {
      let protocol = "";
      try {
        protocol = new URL(value ?? "").protocol;
      } catch {
        // not absolute
      }
      if (protocol !== "https:") problems.push(`https: ${where(element)} has "${value}", expected an absolute https URL`);
    }
    // Anything else that looks like a URL (namespace declarations are names, not links).
    for (const element of walk(root)) {
      const values = element.attrs.filter((a) => a.uri !== NS.xmlns && a.name !== "xmlns").map((a) => a.value);
      values.push(element.text.trim());
      for (const value of values) {
        if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) && !value.startsWith("https://")) {
          problems.push(`https: ${where(element)} contains "${value}", expected https`);
        }
      }
    }
    return [...new Set(problems)];
  },

  icons(root, { assetsDir, base }) {
    const assetBase = `${base}/assets/`;
    const problems: string[] = [];
    const byId = new Map(resources(root).filter((r) => r.kind === "Image").map((r) => [r.id, r.value]));
    /** URL -> sizes the manifest claims for it (from where it is used and from its file name). */
    const claims = new Map<string, Set<number>>();
    const claim = (url: string | undefined, size: number | undefined) => {
      if (!url) return;
      const sizes = claims.get(url) ?? new Set<number>();
      if (size !== undefined) sizes.add(size);
      claims.set(url, sizes);
    };
    claim(attr(children(root, "IconUrl")[0] ?? root, "DefaultValue"), 32);
    claim(attr(children(root, "HighResolutionIconUrl")[0] ?? root, "DefaultValue"), 64);
    for (const image of descendants(root, "Image", NS.bt)) {
      const size = attr(image, "size");
      if (image.parent?.local === "Icon" && size) claim(byId.get(attr(image, "resid") ?? ""), Number(size));
    }
    for (const url of byId.values()) claim(url, undefined);
    for (const [url, sizes] of claims) {
      const named = /-(\d+)(?:x\d+)?\.png$/.exec(url);
      if (named) sizes.add(Number(named[1]));
    }
    for (const [url, sizes] of claims) {
      if (!url.startsWith(assetBase)) continue;
      const relative = decodeURIComponent(url.slice(assetBase.length));
      const file = path.join(assetsDir, ...relative.split("/"));
      if (!fs.existsSync(file)) {
        problems.push(`icons: ${url} has no file assets/${relative}`);
        continue;
      }
      const png = readPngSize(file);
      if (!png) {
        problems.push(`icons: assets/${relative} is not a PNG`);
        continue;
      }
      for (const size of sizes) {
        if (png.width !== size || png.height !== size) {
          problems.push(`icons: assets/${relative} is ${png.width}x${png.height}, but the manifest uses it as ${size}x${size}`);
        }
      }
    }
    return problems;
  },

  host(root, { base }) {
    const problems: string[] = [];
    for (const [element, value] of urlValues(root)) {
      if (element.local === "AppDomain") continue; // a domain the pane may navigate to, by definition elsewhere
      if (!(value ?? "").startsWith(`${base}/`)) problems.push(`host: ${where(element)} has "${value}", expected a URL under ${base}/`);
    }
    return problems;
  },

  files(root, { assetsDir, base }) {
    const problems: string[] = [];
    for (const [element, value] of urlValues(root)) {
      if (!value?.startsWith(`${base}/`)) continue; // the host check reports it
      const relative = decodeURIComponent(value.slice(base.length + 1).split(/[?#]/)[0] ?? "");
      const page = /^([\w-]+)\.html$/.exec(relative);
      const emitted = page
        ? fs.existsSync(path.join(PAGES_DIR, relative))
        : relative.startsWith("assets/") && fs.existsSync(path.join(assetsDir, ...relative.slice("assets/".length).split("/")));
      if (!emitted) problems.push(`files: ${where(element)} points at ${relative}, which the build does not emit (a page of src/taskpane/ or a file of assets/)`);
    }
    return problems;
  },

  support(root) {
    const url = attr(children(root, "SupportUrl")[0] ?? root, "DefaultValue");
    if (!url) return ["support: no <SupportUrl>: the Office Store and the Add-ins dialog link to it"];
    return PLACEHOLDER.test(url) ? [`support: SupportUrl "${url}" is a placeholder`] : [];
  },

  placeholders(root) {
    const problems: string[] = [];
    for (const element of walk(root)) {
      for (const value of [element.text, ...element.attrs.map((a) => a.value)]) {
        if (PLACEHOLDER.test(value)) problems.push(`placeholders: ${where(element)} holds "${value.trim()}"`);
      }
    }
    return problems;
  },
} satisfies Record<string, Check>;

type CheckName = keyof typeof checks;

/** Width and height from the IHDR chunk, or null if the file is not a PNG. */
function readPngSize(file: string): { width: number; height: number } | null {
  const bytes = fs.readFileSync(file);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(signature) || bytes.toString("ascii", 12, 16) !== "IHDR") {
    return null;
  }
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function run(name: CheckName, xml: string, context: Context = { assetsDir: ASSETS_DIR, base: DEV.baseUrl }): string[] {
  return checks[name](parseXml(xml), context);
}

// ---- the real manifests ---------------------------------------------------------------------

/** dist/manifest.xml as `npm run build` writes it (PACT_TRACKER_BASE_URL unset), and for another host. */
const RELEASE_MANIFEST = releaseManifest(MANIFEST);
const HOSTED_MANIFEST = releaseManifest(MANIFEST, { baseUrl: `${HOSTED_BASE}/` });

const descriptions: Record<CheckName, string> = {
  root: "is an OfficeApp of xsi:type TaskPaneApp",
  order: "lists OfficeApp's children in schema order, with every required one",
  identity: "has a GUID Id and an n.n.n.n Version",
  hosts: "targets Workbook (Excel)",
  permissions: "asks for ReadWriteDocument",
  requirements: "requires ExcelApi with the MinVersion the task pane checks",
  resids: "resolves every resid to a resource of the right kind",
  https: "uses https for every URL",
  icons: "points every icon at a PNG in assets/ of the size it claims",
  host: "puts every page and icon on its one host",
  files: "points every URL at a page or asset the build emits",
  support: "has a SupportUrl that is no placeholder",
  placeholders: "holds no placeholder address (example.org and the like)",
};

describe.each([
  ["manifest.xml (development)", MANIFEST, DEV.baseUrl],
  ["dist/manifest.xml as npm run build writes it (release)", RELEASE_MANIFEST, RELEASE.defaultBaseUrl],
  [`the release manifest for PACT_TRACKER_BASE_URL=${HOSTED_BASE}/`, HOSTED_MANIFEST, HOSTED_BASE],
])("%s", (_name, xml, base) => {
  it("is well-formed XML", () => {
    expect(() => parseXml(xml)).not.toThrow();
  });

  it.each(Object.keys(descriptions) as CheckName[])("%s: passes", (name) => {
    expect(run(name, xml, { assetsDir: ASSETS_DIR, base })).toEqual([]);
  });
});

describe("manifest checks", () => {
  it("have a title each", () => {
    expect(Object.keys(descriptions).sort()).toEqual(Object.keys(checks).sort());
  });
});

/** The manifest with what may differ between development and release written the same way. */
function normalised(xml: string, base: string): string {
  return xml
    .replace(/<!--[\s\S]*?-->/, "<!-- header -->")
    .replace(/<Id>[^<]*<\/Id>/, "<Id>ID</Id>")
    .split(DEV.displayName)
    .join(RELEASE.displayName)
    .split(`${base}/`)
    .join("BASE/");
}

describe("the development and the release manifest", () => {
  const id = (xml: string) => children(parseXml(xml), "Id")[0]?.text.trim();
  const displayName = (xml: string) => attr(children(parseXml(xml), "DisplayName")[0] ?? parseXml(xml), "DefaultValue");

  it("have different Ids, so a sideloaded dev copy and an installed release do not collide", () => {
    expect(id(MANIFEST)).toBe(DEV.id);
    expect(id(RELEASE_MANIFEST)).toBe(RELEASE.id);
    expect(id(HOSTED_MANIFEST)).toBe(RELEASE.id);
    expect(DEV.id.toLowerCase()).not.toBe(RELEASE.id.toLowerCase());
  });

  it("are told apart by name too, in the Add-ins dialog and on the ribbon", () => {
    expect(displayName(MANIFEST)).toBe("Pact Tracker (dev)");
    expect(displayName(RELEASE_MANIFEST)).toBe("Pact Tracker");
    expect(MANIFEST).toContain('<bt:String id="Group.Label" DefaultValue="Pact Tracker (dev)"/>');
    expect(RELEASE_MANIFEST).toContain('<bt:String id="Group.Label" DefaultValue="Pact Tracker"/>');
    expect(RELEASE_MANIFEST).not.toContain("(dev)");
  });

  it("differ in nothing else: the release is the development manifest moved to its host", () => {
    expect(normalised(RELEASE_MANIFEST, RELEASE.defaultBaseUrl)).toBe(normalised(MANIFEST, DEV.baseUrl));
    expect(normalised(HOSTED_MANIFEST, HOSTED_BASE)).toBe(normalised(MANIFEST, DEV.baseUrl));
    expect(HOSTED_MANIFEST).not.toContain("localhost");
    expect(RELEASE_MANIFEST).toMatch(/^<\?xml[^>]*>\s*<!--\s*Pact Tracker: [^>]*RELEASE manifest/);
  });

  it("need no AppDomains: the pane never navigates to another host", () => {
    expect(descendants(parseXml(MANIFEST), "AppDomain")).toEqual([]);
  });
});

describe("releaseBaseUrl (PACT_TRACKER_BASE_URL)", () => {
  it("defaults to https://localhost:3000, where `npm run serve:https` serves the release build", () => {
    expect(releaseBaseUrl()).toBe("https://localhost:3000");
    expect(releaseBaseUrl("")).toBe("https://localhost:3000");
  });

  it("takes an https origin or a folder on one, without the trailing slash", () => {
    expect(releaseBaseUrl("https://addins.ministry.test")).toBe("https://addins.ministry.test");
    expect(releaseBaseUrl(" https://addins.ministry.test/pact-tracker/ ")).toBe("https://addins.ministry.test/pact-tracker");
    expect(releaseBaseUrl("https://ADDINS.ministry.test:8443/a/b")).toBe("https://addins.ministry.test:8443/a/b");
  });

  it.each([
    ["http://addins.ministry.test", "https only"],
    ["addins.ministry.test/pact-tracker", "not an absolute URL"],
    ["https://addins.ministry.test/?v=1", "no query or fragment"],
    ["https://addins.ministry.test/#top", "no query or fragment"],
    ["https://me:secret@addins.ministry.test", "no user name or password"],
    ["https://addins.ministry.test/a&b", "the path may hold"],
  ])("refuses %s (%s), naming the variable", (value, why) => {
    expect(() => releaseBaseUrl(value)).toThrow(/^PACT_TRACKER_BASE_URL must be/);
    expect(() => releaseBaseUrl(value)).toThrow(why);
  });

  it("refuses to make a release from anything but the development manifest", () => {
    expect(() => releaseManifest(RELEASE_MANIFEST)).toThrow(`expected <Id>${DEV.id}</Id> once`);
    expect(() => releaseManifest(MANIFEST.replace("DEVELOPMENT manifest", "manifest"))).toThrow("DEVELOPMENT manifest");
    expect(() => releaseManifest(MANIFEST.replace('<DisplayName DefaultValue="Pact Tracker (dev)"/>', '<DisplayName DefaultValue="Pact"/>'))).toThrow("<DisplayName");
    const bare = MANIFEST.replace("<!-- No AppDomains", "<!-- https://localhost:3000 No AppDomains");
    expect(() => releaseManifest(bare, { baseUrl: HOSTED_BASE })).toThrow("other than as the start of a URL");
  });
});

describe("webpack.config.js", () => {
  interface Plugin {
    readonly constructor: { readonly name: string };
    readonly patterns?: ReadonlyArray<{ from: string; to: string; transform?: { transformer(content: Buffer, from: string): string } }>;
    readonly userOptions?: { readonly officeJsUrl?: string };
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the CommonJS webpack config
  const config = require("../webpack.config.js") as (env: object, argv: { mode: string }) => Promise<{ plugins: Plugin[] }>;
  const saved = process.env["PACT_TRACKER_BASE_URL"];
  afterEach(() => {
    if (saved === undefined) delete process.env["PACT_TRACKER_BASE_URL"];
    else process.env["PACT_TRACKER_BASE_URL"] = saved;
  });

  async function build(mode: "production" | "development") {
    const { plugins } = await config({}, { mode });
    const patterns = plugins.find((p) => p.constructor.name === "CopyPlugin")?.patterns ?? [];
    const html = plugins.find((p) => p.constructor.name === "HtmlWebpackPlugin")?.userOptions;
    return { patterns, html, manifest: patterns.find((p) => p.from === "manifest.xml") };
  }

  it.each(["production", "development"] as const)("loads office.js from Microsoft's CDN and copies no local office.js (%s)", async (mode) => {
    const { patterns, html } = await build(mode);
    expect(html?.officeJsUrl).toBe(OFFICE_JS_CDN);
    expect(patterns.filter((p) => /office-js/.test(p.from))).toEqual([]);
  });

  it("writes the release manifest in production, on PACT_TRACKER_BASE_URL, and fails the build on a bad one", async () => {
    delete process.env["PACT_TRACKER_BASE_URL"];
    const { manifest } = await build("production");
    const transform = (xml: string) => manifest?.transform?.transformer(Buffer.from(xml), "manifest.xml");
    expect(transform(MANIFEST)).toBe(RELEASE_MANIFEST);
    process.env["PACT_TRACKER_BASE_URL"] = HOSTED_BASE;
    expect(transform(MANIFEST)).toBe(HOSTED_MANIFEST);
    process.env["PACT_TRACKER_BASE_URL"] = "http://addins.ministry.test";
    expect(() => transform(MANIFEST)).toThrow("PACT_TRACKER_BASE_URL must be");
  });

  it("copies the development manifest unchanged in development", async () => {
    const { manifest } = await build("development");
    expect(manifest).toEqual({ from: "manifest.xml", to: "manifest.xml" });
  });
});

// ---- every check can fail -------------------------------------------------------------------

/** Replaces exactly one occurrence, so a stale mutation fails loudly instead of testing nothing. */
function replaceOnce(xml: string, from: string | RegExp, to: string): string {
  const count = typeof from === "string" ? xml.split(from).length - 1 : [...xml.matchAll(new RegExp(from, "g"))].length;
  if (count !== 1) throw new Error(`mutation expects exactly one match of ${String(from)}, found ${count}`);
  return xml.replace(from, to);
}

const REQUIREMENTS_BLOCK = /\s*<Requirements>[\s\S]*?<\/Requirements>/;
/** Where AppDomains would go (after SupportUrl): manifest.xml has a comment saying it needs none. */
const NO_APP_DOMAINS = /<!-- No AppDomains[^>]*-->/;

const mutations: Array<{ name: string; check: CheckName; mutate: (xml: string) => string; expected: string }> = [
  {
    name: "wrong add-in type",
    check: "root",
    mutate: (xml) => replaceOnce(xml, 'xsi:type="TaskPaneApp"', 'xsi:type="ContentApp"'),
    expected: 'xsi:type is "ContentApp"',
  },
  {
    name: "Requirements after DefaultSettings",
    check: "order",
    mutate: (xml) => {
      const block = REQUIREMENTS_BLOCK.exec(xml)?.[0] ?? "";
      return replaceOnce(xml.replace(block, ""), "</DefaultSettings>", `</DefaultSettings>${block}`);
    },
    expected: "comes after <DefaultSettings>",
  },
  {
    name: "Permissions missing",
    check: "order",
    mutate: (xml) => replaceOnce(xml, /<Permissions>\w+<\/Permissions>/, ""),
    expected: "required <Permissions> is missing",
  },
  {
    name: "unknown OfficeApp child",
    check: "order",
    mutate: (xml) => replaceOnce(xml, "<Hosts>\n    <Host Name", "<Shortcuts/>\n  <Hosts>\n    <Host Name"),
    expected: "<Shortcuts> (line",
  },
  {
    name: "Id not a GUID",
    check: "identity",
    mutate: (xml) => replaceOnce(xml, /<Id>[^<]*<\/Id>/, "<Id>pact-tracker</Id>"),
    expected: 'Id "pact-tracker" is not a GUID',
  },
  {
    name: "host is Word",
    check: "hosts",
    mutate: (xml) => replaceOnce(xml, '<Host Name="Workbook"/>', '<Host Name="Document"/>'),
    expected: "expected Workbook",
  },
  {
    name: "read-only permissions",
    check: "permissions",
    mutate: (xml) => replaceOnce(xml, "<Permissions>ReadWriteDocument</Permissions>", "<Permissions>ReadDocument</Permissions>"),
    expected: 'Permissions is "ReadDocument"',
  },
  {
    name: "no ExcelApi set",
    check: "requirements",
    mutate: (xml) => replaceOnce(xml, 'Name="ExcelApi"', 'Name="WordApi"'),
    expected: 'no <Set Name="ExcelApi">',
  },
  {
    name: "ExcelApi without MinVersion",
    check: "requirements",
    mutate: (xml) => replaceOnce(xml, / MinVersion="[^"]*"/, ""),
    expected: 'MinVersion is "undefined"',
  },
  {
    name: "ExcelApi version out of step with the task pane",
    check: "requirements",
    mutate: (xml) => replaceOnce(xml, / MinVersion="[^"]*"/, ' MinVersion="1.4"'),
    expected: "differs from REQUIRED_EXCEL_API",
  },
  {
    name: "resid that is not defined",
    check: "resids",
    mutate: (xml) => replaceOnce(xml, '<SourceLocation resid="Taskpane.Url"/>', '<SourceLocation resid="Taskpane.Page"/>'),
    expected: 'refers to "Taskpane.Page", which is not in <Resources>',
  },
  {
    name: "resid of the wrong kind",
    check: "resids",
    mutate: (xml) => replaceOnce(xml, '<SourceLocation resid="Taskpane.Url"/>', '<SourceLocation resid="Group.Label"/>'),
    expected: 'needs kind Url, but "Group.Label" is ShortString',
  },
  {
    name: "icon resid pointing at a string",
    check: "resids",
    mutate: (xml) => xml.replace(/<bt:Image size="16" resid="Icon.16x16"\/>/, '<bt:Image size="16" resid="TaskpaneButton.Tooltip"/>'),
    expected: 'needs kind Image, but "TaskpaneButton.Tooltip" is LongString',
  },
  {
    name: "resource id defined twice",
    check: "resids",
    mutate: (xml) =>
      replaceOnce(xml, "</bt:ShortStrings>", '  <bt:String id="Group.Label" DefaultValue="Again"/>\n      </bt:ShortStrings>'),
    expected: 'resource id "Group.Label" is defined twice',
  },
  {
    name: "tooltip longer than a LongString",
    check: "resids",
    mutate: (xml) => replaceOnce(xml, /(<bt:String id="TaskpaneButton.Tooltip" DefaultValue=")[^"]*"/, `$1${"x".repeat(251)}"`),
    expected: "is 251 characters (max 250)",
  },
  {
    name: "http SourceLocation",
    check: "https",
    mutate: (xml) =>
      replaceOnce(xml, '<SourceLocation DefaultValue="https://localhost:3000/taskpane.html"/>', '<SourceLocation DefaultValue="http://localhost:3000/taskpane.html"/>'),
    expected: 'has "http://localhost:3000/taskpane.html", expected an absolute https URL',
  },
  {
    name: "relative icon URL",
    check: "https",
    mutate: (xml) => replaceOnce(xml, 'DefaultValue="https://localhost:3000/assets/icon-80.png"', 'DefaultValue="/assets/icon-80.png"'),
    expected: 'has "/assets/icon-80.png"',
  },
  {
    name: "http AppDomain",
    check: "https",
    mutate: (xml) => replaceOnce(xml, NO_APP_DOMAINS, "<AppDomains><AppDomain>http://addins.ministry.test</AppDomain></AppDomains>"),
    expected: "<AppDomain>",
  },
  {
    name: "icon on another host",
    check: "host",
    mutate: (xml) => replaceOnce(xml, 'DefaultValue="https://localhost:3000/assets/icon-80.png"', 'DefaultValue="https://cdn.ministry.test/assets/icon-80.png"'),
    expected: 'has "https://cdn.ministry.test/assets/icon-80.png", expected a URL under https://localhost:3000/',
  },
  {
    name: "task pane on another port",
    check: "host",
    mutate: (xml) => replaceOnce(xml, '<bt:Url id="Taskpane.Url" DefaultValue="https://localhost:3000/', '<bt:Url id="Taskpane.Url" DefaultValue="https://localhost:3001/'),
    expected: 'has "https://localhost:3001/taskpane.html"',
  },
  {
    name: "page the build does not emit",
    check: "files",
    mutate: (xml) => replaceOnce(xml, '<SourceLocation DefaultValue="https://localhost:3000/taskpane.html"/>', '<SourceLocation DefaultValue="https://localhost:3000/commands.html"/>'),
    expected: "points at commands.html, which the build does not emit",
  },
  {
    name: "support page missing from assets/",
    check: "files",
    mutate: (xml) => replaceOnce(xml, "/assets/support.html", "/assets/help.html"),
    expected: "points at assets/help.html",
  },
  {
    name: "support address left as the template's",
    check: "support",
    mutate: (xml) => replaceOnce(xml, /<SupportUrl DefaultValue="[^"]*"\/>/, '<SupportUrl DefaultValue="https://www.example.org/pact-tracker/support"/>'),
    expected: "is a placeholder",
  },
  {
    name: "no support address",
    check: "support",
    mutate: (xml) => replaceOnce(xml, /<SupportUrl DefaultValue="[^"]*"\/>/, ""),
    expected: "no <SupportUrl>",
  },
  {
    name: "placeholder AppDomain",
    check: "placeholders",
    mutate: (xml) => replaceOnce(xml, NO_APP_DOMAINS, "<AppDomains><AppDomain>https://www.example.org</AppDomain></AppDomains>"),
    expected: 'holds "https://www.example.org"',
  },
  {
    name: "icon file missing",
    check: "icons",
    mutate: (xml) => replaceOnce(xml, "assets/icon-80.png", "assets/icon-81.png"),
    expected: "has no file assets/icon-81.png",
  },
  {
    name: "16px slot pointing at the 32px icon",
    check: "icons",
    mutate: (xml) => replaceOnce(xml, '<bt:Image id="Icon.16x16" DefaultValue="https://localhost:3000/assets/icon-16.png"/>', '<bt:Image id="Icon.16x16" DefaultValue="https://localhost:3000/assets/icon-32.png"/>'),
    expected: "icon-32.png is 32x32, but the manifest uses it as 16x16",
  },
];

describe("each manifest check catches a broken copy", () => {
  it("rejects malformed XML", () => {
    expect(() => parseXml(MANIFEST.replace("</Permissions>", "</Permission>"))).toThrow();
  });

  it.each(mutations)("$check: $name", ({ check, mutate, expected }) => {
    const broken = mutate(MANIFEST);
    expect(broken).not.toEqual(MANIFEST);
    expect(run(check, broken)).toEqual(expect.arrayContaining([expect.stringContaining(expected)]));
  });

  it("every check has at least one breaking case", () => {
    expect(new Set(mutations.map((m) => m.check))).toEqual(new Set(Object.keys(checks)));
  });

  describe("icons against a broken assets/ directory", () => {
    let dir: string;
    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "pact-tracker-assets-"));
      for (const file of fs.readdirSync(ASSETS_DIR)) fs.copyFileSync(path.join(ASSETS_DIR, file), path.join(dir, file));
      fs.copyFileSync(path.join(ASSETS_DIR, "icon-64.png"), path.join(dir, "icon-16.png")); // wrong size
      fs.writeFileSync(path.join(dir, "icon-32.png"), "not a png"); // not a PNG
      fs.rmSync(path.join(dir, "icon-80.png")); // missing
    });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("reports wrong sizes, non-PNGs and missing files", () => {
      const problems = run("icons", MANIFEST, { assetsDir: dir, base: DEV.baseUrl });
      expect(problems).toEqual(
        expect.arrayContaining([
          expect.stringContaining("icon-16.png is 64x64, but the manifest uses it as 16x16"),
          expect.stringContaining("assets/icon-32.png is not a PNG"),
          expect.stringContaining("has no file assets/icon-80.png"),
        ]),
      );
    });
  });
});
