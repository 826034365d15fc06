// The two add-in manifests, from one file.
//
// manifest.xml (committed) is the DEVELOPMENT manifest: its own Id, "Pact Tracker (dev)", every URL
// on https://localhost:3000 (`npm run dev-server`). `npm run build` (webpack, production) writes the
// RELEASE manifest to dist/manifest.xml with releaseManifest(): the release Id, "Pact Tracker", and
// every URL on PACT_TRACKER_BASE_URL (default https://localhost:3000, where `npm run serve:https`
// serves the release build for sideloading). Distinct Ids let Office keep a sideloaded dev copy and
// an installed release apart; one source file keeps the two from drifting.
//
//   PACT_TRACKER_BASE_URL=https://addins.example.gov/pact-tracker npm run build
//
// tests/manifest.test.ts runs the same offline checks on both.

const DEV = {
  id: "87cd6d21-d5c0-4293-80e5-b60bc45e67bb",
  displayName: "Pact Tracker (dev)",
  baseUrl: "https://localhost:3000",
};

const RELEASE = {
  // The Id the add-in has always had: copies installed from a release keep working.
  id: "6f0d2a4e-8c1b-4b7a-9e3d-5a2c7f41b9d8",
  displayName: "Pact Tracker",
  defaultBaseUrl: "https://localhost:3000",
};

/**
 * The base URL every page and icon of the release manifest starts with: https, no query, fragment
 * or credentials, no trailing slash. Throws an Error that names the variable and the value.
 */
function releaseBaseUrl(value) {
  const given = value === undefined || value === "" ? RELEASE.defaultBaseUrl : String(value).trim();
  const refuse = (why) =>
    new Error(`PACT_TRACKER_BASE_URL must be the https address the add-in is served from (e.g. https://addins.example.gov/pact-tracker): ${why}; got "${given}"`);
  let url;
  try {
    url = new URL(given);
  } catch {
    throw refuse("not an absolute URL");
  }
  if (url.protocol !== "https:") throw refuse("Office loads add-ins over https only");
  if (url.search || url.hash || given.includes("?") || given.includes("#")) throw refuse("no query or fragment");
  if (url.username || url.password) throw refuse("no user name or password");
  // Only characters that need no escaping in an XML attribute (and mean the same in every URL parser).
  if (!/^[A-Za-z0-9._~%/-]*$/.test(url.pathname)) throw refuse("the path may hold letters, digits and . _ ~ % / - only");
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

/** How often `text` occurs in `xml`. */
function count(xml, text) {
  return xml.split(text).length - 1;
}

/**
 * The release manifest made from the development manifest's text. Throws when the input is not the
 * development manifest this function knows (so a changed manifest.xml fails the build loudly
 * instead of shipping a half-renamed manifest).
 */
function releaseManifest(devXml, { baseUrl } = {}) {
  const base = releaseBaseUrl(baseUrl);
  const idTag = `<Id>${DEV.id}</Id>`;
  const nameAttr = `<DisplayName DefaultValue="${DEV.displayName}"/>`;
  if (count(devXml, idTag) !== 1) throw new Error(`manifest.xml: expected ${idTag} once (the development Id; see scripts/manifest.js)`);
  if (count(devXml, nameAttr) !== 1) throw new Error(`manifest.xml: expected ${nameAttr} once (see scripts/manifest.js)`);
  if (count(devXml, `${DEV.baseUrl}/`) === 0) throw new Error(`manifest.xml: no URL starts with ${DEV.baseUrl}/`);
  const header = /<!--[\s\S]*?-->/.exec(devXml);
  if (!header || !header[0].includes("DEVELOPMENT manifest")) {
    throw new Error("manifest.xml: its first comment must be the one saying it is the DEVELOPMENT manifest");
  }
  const releaseHeader = [
    "<!--",
    "  Pact Tracker: Excel task-pane add-in (add-in-only XML manifest). RELEASE manifest, written by",
    "  `npm run build` from manifest.xml (scripts/manifest.js): the release Id, every URL on",
    `  ${base}. Do not edit: edit manifest.xml and build again.`,
    "-->",
  ].join("\n");
  const release = devXml
    .replace(header[0], releaseHeader)
    .replace(idTag, `<Id>${RELEASE.id}</Id>`)
    .split(DEV.displayName)
    .join(RELEASE.displayName)
    .split(`${DEV.baseUrl}/`)
    .join(`${base}/`);
  if (base !== DEV.baseUrl && release.includes(DEV.baseUrl)) {
    throw new Error(`manifest.xml: ${DEV.baseUrl} is used other than as the start of a URL; scripts/manifest.js cannot move it`);
  }
  return release;
}

module.exports = { DEV, RELEASE, releaseBaseUrl, releaseManifest };
