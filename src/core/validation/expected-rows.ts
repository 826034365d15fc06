import type { Framework } from "../catalogue/schema";
import { areaHeadingText, guidanceCellText, itemCellText } from "../template/builder";
import type { SheetRole } from "../template/spec";
import { squash } from "./typed-text";

/** The rows a sheet of this role lists, in order: areas (political report) or items. */
export interface ExpectedRow {
  readonly ref: string;
  /** As the template writes it (most cells match it exactly) and squashed, for the tolerant compare. */
  readonly raw: string;
  readonly text: string;
  /** The text as templates made before items carried their citation wrote it, squashed: still the template's. */
  readonly uncited?: string;
  readonly isArea: boolean;
  /** Other locked catalogue text on the row (guidance, main commitment), squashed, and as written. */
  readonly locked: string;
  readonly lockedRaw: string;
}

const expectedCache = new WeakMap<Framework, Map<SheetRole, ExpectedRow[]>>();

/** Texts are kept squashed (white space folded): that is how cells are compared with them. */
export function expectedRows(framework: Framework, role: SheetRole): ExpectedRow[] {
  const perRole = expectedCache.get(framework) ?? new Map<SheetRole, ExpectedRow[]>();
  expectedCache.set(framework, perRole);
  const known = perRole.get(role);
  if (known) return known;
  const rows: ExpectedRow[] =
    role === "political"
      ? framework.areas.map((a) => ({ ref: a.id, raw: a.title, text: squash(a.title), isArea: false, locked: squash(a.mainCommitment ?? ""), lockedRaw: a.mainCommitment ?? "" }))
      : framework.areas.flatMap((a) => [
          { ref: a.id, raw: areaHeadingText(a), text: squash(areaHeadingText(a)), isArea: true, locked: "", lockedRaw: "" },
          ...a.items.map((i) => {
            const raw = itemCellText(i);
            return { ref: i.ref, raw, text: squash(raw), uncited: squash(itemCellText(i, false)), isArea: false, locked: squash(guidanceCellText(i)), lockedRaw: guidanceCellText(i) };
          }),
        ]);
  perRole.set(role, rows);
  return rows;
}
