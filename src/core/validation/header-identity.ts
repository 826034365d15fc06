import type { Catalogue } from "../catalogue/catalogue";
import type { Framework, Party } from "../catalogue/schema";
import type { SheetGrid } from "../grid/grid";
import { sheetTitle } from "../template/builder";
import { META, META_ROWS, sheetRoles } from "../template/layout";
import { isSheetRole, titleParty, type TemplateMeta } from "../template/read-template";
import type { SheetRole } from "../template/spec";
import { isCycleLabel } from "../cycles/cycle-label";
import type { FindingSink } from "./finding-sink";

/** What the header block says the sheet is, as far as the catalogue confirms it. */
export interface Header {
  readonly framework?: Framework;
  readonly party?: Party;
  readonly role?: SheetRole;
}

/** The header's fields: each missing or unknown one is named at its value cell, and the identity is resolved. */
export function checkHeader(meta: TemplateMeta, catalogue: Catalogue, sink: FindingSink, grid: SheetGrid): Header {
  // Header findings point at the value cell where the template put it.
  const cellOf = (key: keyof typeof META_ROWS) => ({ row: META_ROWS[key], col: 1 });
  for (const field of ["framework", "version", "fingerprint", "partyCode", "sheet"] as const) {
    if (!meta[field]) sink.add("PT-STRUCT-001", { field: META[field] }, cellOf(field));
  }
  if (!meta.cycle) sink.add("PT-STRUCT-012", { field: "reporting cycle", value: "" }, cellOf("cycle"));
  // One rule for every input's cycle label: a label the rule refuses is named (the report still uses it, made safe).
  else if (!isCycleLabel(meta.cycle)) sink.add("PT-STRUCT-012", { field: "reporting cycle", value: meta.cycle.slice(0, 40) }, cellOf("cycle"));
  if (meta.round !== "initial" && meta.round !== "update") sink.add("PT-STRUCT-012", { field: "round", value: meta.round ?? "" }, cellOf("round"));
  const framework = meta.framework ? catalogue.findFramework(meta.framework) : undefined;
  if (meta.framework && !framework) sink.add("PT-STRUCT-002", { framework: meta.framework }, cellOf("framework"));
  let role = isSheetRole(meta.sheet) ? meta.sheet : undefined;
  if (meta.sheet && !role) sink.add("PT-STRUCT-001", { field: "sheet (role)" }, cellOf("sheet"));
  // A role the framework does not have would be read but never compiled: refuse it instead.
  if (framework && role && !sheetRoles(framework).includes(role)) {
    sink.add("PT-STRUCT-019", { role, framework: framework.id, roles: sheetRoles(framework).join(", ") }, cellOf("sheet"));
    role = undefined;
  }
  const resolved = framework && meta.partyCode ? resolveParty({ ...meta, partyCode: meta.partyCode }, framework, catalogue, sink) : undefined;
  const party = framework && resolved && identityAgrees(grid, framework, role, resolved, catalogue, sink) ? resolved : undefined;
  return { ...(framework ? { framework } : {}), ...(party ? { party } : {}), ...(role ? { role } : {}) };
}

/**
 * Identity is not taken on faith: the template writes the party in the title ("… — France") and in
 * the sheet's name ("pact-2008 FR factual") as well as in the header. Where the title or the name
 * still names another party of the list than the header does (France's return with Germany's code
 * and name typed in), the sheet is attributed to nobody until they agree (PT-STRUCT-023). A title
 * or name the user changed into something else names no party, and is no disagreement.
 */
function identityAgrees(grid: SheetGrid, framework: Framework, role: SheetRole | undefined, party: Party, catalogue: Catalogue, sink: FindingSink): boolean {
  const others: string[] = [];
  const titled = titleParty(grid.text(0, 0), role ? [sheetTitle(framework, role, "")] : []);
  const byTitle = titled ? catalogue.findParty(framework, titled) : undefined;
  if (byTitle && byTitle.code !== party.code) others.push(`the title names ${byTitle.name} (${byTitle.code})`);
  const named = grid.name.startsWith(`${framework.id} `) ? (grid.name.slice(framework.id.length + 1).split(" ")[0] ?? "") : "";
  const byName = named ? catalogue.findParty(framework, named) : undefined;
  if (byName && byName.code !== party.code) others.push(`the sheet's name '${grid.name}' names ${byName.name} (${byName.code})`);
  if (others.length === 0) return true;
  sink.add("PT-STRUCT-023", { party: `${party.name} (${party.code})`, others: others.join(", and ") }, { row: META_ROWS.partyCode, col: 1 });
  return false;
}

/**
 * One identity per party: the code ("FR", "fr", even "France") and the name are both resolved
 * through the party list. When they name different parties the return belongs to neither until
 * corrected — an edited code must never let France's return stand in for Germany's.
 */
function resolveParty(meta: TemplateMeta & { partyCode: string }, framework: Framework, catalogue: Catalogue, sink: FindingSink): Party | undefined {
  const code = meta.partyCode;
  const byCode = catalogue.findParty(framework, code);
  if (!byCode) {
    sink.add("PT-STRUCT-011", { party: code, framework: framework.id }, { row: META_ROWS.partyCode, col: 1 });
    return undefined;
  }
  const name = meta.party ?? "";
  const byName = name ? catalogue.findParty(framework, name) : byCode;
  if (byName?.code !== byCode.code) {
    sink.add(
      "PT-STRUCT-015",
      { code, codeParty: `${byCode.name} (${byCode.code})`, name, nameParty: byName ? `${byName.name} (${byName.code})` : `no party of ${framework.id}` },
      { row: META_ROWS.partyCode, col: 1 },
    );
    return undefined;
  }
  return byCode;
}
