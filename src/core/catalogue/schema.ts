import { z } from "zod";

/**
 * The shape of a framework catalogue file in `seeds/frameworks/`.
 * Catalogues are data: next year's commitment list is a new file, not new code.
 */

const nonEmptyText = z
  .string()
  .min(1)
  .refine((s) => s === s.trim(), "must not start or end with white space")
  .refine((s) => !s.includes("\t"), "must not contain tab characters");

/** Where in the source document an entry comes from, e.g. "COM(2009) 266, Annex, part II, area I, (a)". */
const source = nonEmptyText;

/**
 * A sentence saying that something is pact-tracker's own, not the document's, and why (e.g. "The plan
 * defines no status values; these are pact-tracker's."). See src/core/catalogue/provenance.ts.
 */
const tool = nonEmptyText;

/** What the catalogue restored where the extraction lost it: `number`, the item's number, restored from the document's order. */
const restored = z.enum(["number"]);

/**
 * What an entry column is for, where a rule, a matrix or a layout depends on it (the ids are the
 * catalogue's own words and may be anything). At most one column of a framework has each role.
 * See src/core/catalogue/roles.ts.
 * - `participation`: a list column whose "no" value says the party does not take part in the item;
 * - `status`: a list column with how far the item has come (the status matrix; "completed" needs an end date);
 * - `start-date`, `end-date`: date columns, the first not after the second;
 * - `planned`: a text column of what is planned (shown beside next cycle's entries).
 */
export const columnRoles = ["participation", "status", "start-date", "end-date", "planned"] as const;

/** The column type each role needs. */
const ROLE_TYPE: Readonly<Record<(typeof columnRoles)[number], "text" | "list" | "date">> = {
  participation: "list",
  status: "list",
  "start-date": "date",
  "end-date": "date",
  planned: "text",
};

/**
 * What a list value means to the rules, whatever its words: a status matrix colours and compares
 * by meaning, "completed" needs an end date, "no" in the participation column excuses the row.
 */
export const valueMeanings = ["not-started", "planned", "under-way", "completed", "not-applicable", "yes", "no"] as const;

export const subitemSchema = z.object({
  ref: nonEmptyText,
  text: nonEmptyText,
  source,
  /** Set where the sub-item's number was restored from the document's order (its `source` says so in words too). */
  restored: restored.optional(),
});

export const itemSchema = z.object({
  ref: nonEmptyText,
  text: nonEmptyText,
  source,
  subitems: z.array(subitemSchema).default([]),
  guidance: z.array(nonEmptyText).default([]),
  /**
   * Set where the catalogue had to reconstruct a part the source document does not carry whole
   * (a garbled extraction): which part, and how it was reconstructed, citing the passage. The
   * template shows the note beside the guidance, so no one takes it for the document's text.
   */
  reconstructed: z.object({ part: z.enum(["text", "guidance"]), note: nonEmptyText }).optional(),
  /**
   * The items this one may answer in one go (the EMN query's single response for questions 1.–4.):
   * when it is answered the covered items need no answer of their own, and when they are answered it needs none.
   */
  covers: z.array(nonEmptyText).optional(),
  /** Set where the item's number was restored from the document's order (its `source` says so in words too). */
  restored: restored.optional(),
  /** An item that is pact-tracker's, not the document's (the EMN query's single response `Q1-4`): why. */
  tool: tool.optional(),
});

export const areaSchema = z.object({
  id: nonEmptyText,
  title: nonEmptyText,
  mainCommitment: nonEmptyText.optional(),
  /** A request closing the area's block as a whole (the EMN query's "Any other additional information …"), shown with its heading. */
  closing: nonEmptyText.optional(),
  source,
  items: z.array(itemSchema).min(1),
});

export const entryColumnSchema = z.object({
  id: z.string().regex(/^[a-z][a-zA-Z0-9]*$/, "column ids are camelCase words"),
  header: nonEmptyText,
  type: z.enum(["text", "list", "date"]),
  /** For type "list": the id of a list in `lists`. */
  list: z.string().optional(),
  /** Advisory text shown under the header. */
  hint: nonEmptyText.optional(),
  /** Where the document gives the hint's words (or the words it is adapted from). */
  hintSource: source.optional(),
  /** The hint is pact-tracker's wording: why. */
  hintTool: tool.optional(),
  /** Whether the validator expects the cell to be filled (or "nothing to report"). */
  required: z.boolean().default(false),
  /** The heading on the template of the framework's EU-level party (`euLevel`), where it differs. */
  euLevelHeader: nonEmptyText.optional(),
  /** Where the document asks for what this column collects, where that is not obvious (e.g. impact). */
  source: source.optional(),
  /**
   * Marks the entry the document asks of every item (the Pact's main actions undertaken, an action
   * plan's activities undertaken, the EMN query's response), citing the passage (`source`): the
   * coverage matrix counts an item "reported" only when this entry is given, and "partly reported"
   * when only another text entry is. Text columns only. A catalogue that marks none falls back to
   * its required text columns (see src/core/consolidation/coverage.ts).
   */
  primary: z.object({ source }).optional(),
  /** A column the document does not ask for (Participation, Status, dates): pact-tracker's, and why. */
  tool: tool.optional(),
  /** What the rules take the column for (see `columnRoles`). */
  role: z.enum(columnRoles).optional(),
});

export const listSchema = z.object({
  id: z.string().regex(/^[a-z][a-zA-Z0-9]*$/),
  values: z.array(nonEmptyText).min(1),
  /** Where the document gives the values. */
  source: source.optional(),
  /** Values the document does not give (the Prague plans' status values): pact-tracker's, and why. */
  tool: tool.optional(),
  /** What each value means to the rules, by value (see `valueMeanings`); a value not named means nothing to them. */
  meaning: z.record(z.string(), z.enum(valueMeanings)).optional(),
});

export const roundSchema = z.object({
  id: z.enum(["initial", "update"]),
  label: nonEmptyText,
  due: z
    .object({
      text: nonEmptyText,
      month: z.number().int().min(1).max(12),
      day: z.number().int().min(1).max(28),
      yearAfterCycle: z.number().int().min(0).max(1).default(0),
      source,
    })
    .optional(),
  /** Where the document has this round (the Pact's timetable). */
  source: source.optional(),
  /** A round the document does not have (an action plan's "update"): pact-tracker's, and why. */
  tool: tool.optional(),
});

export const frameworkSchema = z
  .object({
    schemaVersion: z.literal(1),
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "framework ids are lower-case words joined by '-'"),
    title: nonEmptyText,
    /** Grows whenever the catalogue content changes; templates record it. */
    version: z.string().regex(/^\d+(\.\d+)*$/),
    kind: z.enum(["pact", "action-plan", "joint-declaration", "ad-hoc-query"]),
    source: z.object({
      document: nonEmptyText,
      title: nonEmptyText,
      date: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/),
      file: nonEmptyText.optional(),
    }),
    /** Id of a party list in `seeds/parties.json`. */
    parties: nonEmptyText,
    timeframe: z.object({ start: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), end: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }).optional(),
    /**
     * Action plans: the funding sources the plan names (`source` cites where), each answered in an
     * entry column of its own (`column`, a yes/no list), so that sources combine. A plan that names
     * none has none.
     */
    funding: z.object({ source, sources: z.array(z.object({ name: nonEmptyText, column: nonEmptyText })).min(1) }).optional(),
    politicalReport: z.object({ prompt: nonEmptyText, source }).optional(),
    /**
     * The party that reports on the EU level (the Pact: the Commission), with its own column headings
     * (`euLevelHeader`); the compilation puts it first under each commitment, as the annual report does.
     */
    euLevel: z
      .object({
        party: z.string().regex(/^[A-Z]{2,3}$/),
        source,
        /** The political part asked of the EU level (the Commission), built from the document's words; `source` says how. */
        politicalReport: z.object({ prompt: nonEmptyText, source }).optional(),
        /** The EU level's own timetable in the document's words (no due day: the document gives the Commission none). */
        timetable: z.object({ text: nonEmptyText, source }).optional(),
      })
      .optional(),
    /**
     * Where the document does not give the parties (the 2023 plan names no states; the draft Joint
     * Declaration lists only "Albania; Austria,.... and the European Commission"): the note a template
     * and report print, saying whose list is used, and the passage (`source`).
     */
    partiesSupplied: z.object({ note: nonEmptyText, source }).optional(),
    /** The instruction line of the item sheet; it names only columns the template has. */
    instructions: nonEmptyText.optional(),
    /** The instruction line is pact-tracker's wording, not the document's: why. */
    instructionsTool: tool.optional(),
    dissemination: z
      .object({
        question: nonEmptyText,
        default: z.enum(["yes", "no"]),
        standardSentence: nonEmptyText,
        /** The prompt of the choice's dropdown, in the document's words (Excel shows at most 255 characters). */
        hint: z.string().min(1).max(255).optional(),
        source,
      })
      .optional(),
    /**
     * Ad-hoc queries: who asked and when, the background and its definitions (the template shows
     * them above the table), and the disclaimer the published compilation opens with.
     */
    request: z
      .object({
        requestedBy: nonEmptyText,
        date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
        background: nonEmptyText,
        definitions: z.array(z.object({ term: nonEmptyText, meaning: nonEmptyText })).default([]),
        disclaimer: nonEmptyText,
        source,
      })
      .optional(),
    /**
     * Reporting rounds with their labels and, where the document has a timetable, the due day: the
     * document's words (`text`, "mid-November"), the day they are taken to mean (`month`, `day`:
     * "mid-" is the 15th), the year relative to the cycle's (0: the cycle's year, 1: the next), and
     * the passage (`source`). See src/core/catalogue/timetable.ts.
     */
    rounds: z
      .array(roundSchema)
      .default([
        { id: "initial", label: "Initial contribution", tool: "pact-tracker's default round: the catalogue names no rounds of the document's." },
        { id: "update", label: "Update", tool: "pact-tracker's default round: the catalogue names no rounds of the document's." },
      ]),
    entryColumns: z.array(entryColumnSchema).min(1),
    lists: z.array(listSchema).default([]),
    areas: z.array(areaSchema).min(1),
  })
  .superRefine((fw, ctx) => {
    const listIds = new Set(fw.lists.map((l) => l.id));
    fw.funding?.sources.forEach((f, i) => {
      if (!fw.entryColumns.some((c) => c.id === f.column && c.type === "list")) ctx.addIssue({ code: "custom", path: ["funding", "sources", i, "column"], message: `funding source '${f.name}' names no list column '${f.column}'` });
    });
    fw.entryColumns.forEach((col, i) => {
      if (col.primary && col.type !== "text") ctx.addIssue({ code: "custom", path: ["entryColumns", i, "primary"], message: `column '${col.id}' is not a text column: only a text entry can be an item's primary entry` });
      if (col.type === "list" && (!col.list || !listIds.has(col.list))) {
        ctx.addIssue({ code: "custom", path: ["entryColumns", i, "list"], message: `list column '${col.id}' names no list of this framework` });
      }
    });
    const roleHolder = new Map<string, string>();
    fw.entryColumns.forEach((col, i) => {
      if (!col.role) return;
      const at = ["entryColumns", i, "role"];
      const other = roleHolder.get(col.role);
      if (other !== undefined) ctx.addIssue({ code: "custom", path: at, message: `columns '${other}' and '${col.id}' both have role '${col.role}': at most one column has each role` });
      roleHolder.set(col.role, col.id);
      const wants = ROLE_TYPE[col.role];
      if (col.type !== wants) ctx.addIssue({ code: "custom", path: at, message: `column '${col.id}' has role '${col.role}', which needs a ${wants} column, not ${col.type}` });
      const list = fw.lists.find((l) => l.id === col.list);
      if (col.role === "participation" && list && !Object.values(list.meaning ?? {}).includes("no")) {
        ctx.addIssue({ code: "custom", path: at, message: `participation column '${col.id}' uses list '${list.id}', which gives no value the meaning "no"` });
      }
    });
    fw.lists.forEach((l, i) => {
      for (const value of Object.keys(l.meaning ?? {})) {
        if (!l.values.includes(value)) ctx.addIssue({ code: "custom", path: ["lists", i, "meaning", value], message: `list '${l.id}' gives a meaning to '${value}', which is not one of its values` });
      }
    });
    const seen = new Set<string>();
    const note = (ref: string, path: (string | number)[]): void => {
      if (seen.has(ref)) ctx.addIssue({ code: "custom", path, message: `reference '${ref}' is used twice` });
      seen.add(ref);
    };
    fw.areas.forEach((a, ai) =>
      a.items.forEach((it, ii) => {
        note(it.ref, ["areas", ai, "items", ii, "ref"]);
        it.subitems.forEach((s, si) => note(s.ref, ["areas", ai, "items", ii, "subitems", si, "ref"]));
      }),
    );
    fw.areas.forEach((a, ai) =>
      a.items.forEach((it, ii) =>
        (it.covers ?? []).forEach((ref, ci) => {
          if (!a.items.some((x) => x.ref === ref && !x.covers)) ctx.addIssue({ code: "custom", path: ["areas", ai, "items", ii, "covers", ci], message: `'${ref}' is not another item of area ${a.id}` });
        }),
      ),
    );
  });

export type ColumnRole = (typeof columnRoles)[number];
export type ValueMeaning = (typeof valueMeanings)[number];
export type FrameworkFile = z.input<typeof frameworkSchema>;
export type Framework = z.output<typeof frameworkSchema>;
export type Area = z.output<typeof areaSchema>;
export type Item = z.output<typeof itemSchema>;
export type Subitem = z.output<typeof subitemSchema>;
export type EntryColumn = z.output<typeof entryColumnSchema>;
export type List = z.output<typeof listSchema>;
export type Round = z.output<typeof roundSchema>;

export const partySchema = z.object({
  /** The code the EU uses (EL for Greece, UK for the United Kingdom); ISO 3166 alpha-2 otherwise. */
  code: z.string().regex(/^[A-Z]{2,3}$/),
  name: nonEmptyText,
  /** Other English names and spellings users type. */
  aliases: z.array(nonEmptyText).default([]),
  /**
   * ISO 3166-1 codes where they differ from `code`, accepted wherever a party is named: the
   * alpha-3 code (GRC, DEU) and, where the EU writes another, the alpha-2 (GR for EL, GB for UK).
   * Kosovo has the XKX the EU uses.
   */
  isoCodes: z.array(z.string().regex(/^[A-Z]{2,3}$/, "ISO codes are 2 or 3 capital letters")).default([]),
  /**
   * The party's own names (endonyms: Deutschland, España, Polska), matched like aliases. Latin
   * script only — names are compared folded to Latin letters — so Greek, Cyrillic, Armenian and
   * Georgian names are given romanised (Ellada, Rossiya, Hayastan, Sakartvelo).
   */
  nativeNames: z.array(nonEmptyText.refine((s) => /[a-z]/i.test(s.normalize("NFD")), "native names are written in Latin script")).default([]),
});

/** A party renamed since the list a dated list is based on: its new name, cited; the former name stays an alias. */
export const renamingSchema = z.object({
  code: z.string().regex(/^[A-Z]{2,3}$/),
  name: nonEmptyText,
  /** The act or notification that made the new name the official short name. */
  source,
});

/** A list as written in the file: its parties, or the parties of an earlier list with renamings. */
export const partyListFileSchema = z.union([
  z.object({
    id: nonEmptyText,
    title: nonEmptyText,
    source,
    /** Listed in the order the framework uses by default (EU protocol order for EU lists). */
    parties: z.array(partySchema).min(1),
  }),
  z.object({
    id: nonEmptyText,
    title: nonEmptyText,
    source,
    /** The id of an earlier list of the file: the same parties in the same order… */
    basedOn: nonEmptyText,
    /** …under their current names… */
    renamed: z.array(renamingSchema).default([]),
    /** …and with these parties after them (the Commission reporting on the EU level). */
    added: z.array(partySchema).default([]),
  }).refine((l) => l.renamed.length + l.added.length > 0, "a list based on another renames or adds at least one party"),
]);

export const partyListSchema = z.object({
  id: nonEmptyText,
  title: nonEmptyText,
  source,
  /** Listed in the order the framework uses by default (EU protocol order for EU lists). */
  parties: z.array(partySchema).min(1),
  /** The renamings since the list this one is based on, each cited. */
  renamed: z.array(renamingSchema).default([]),
}).superRefine((list, ctx) => {
  // A code, EU or ISO, names one party of the list.
  const owner = new Map<string, string>();
  list.parties.forEach((p, pi) =>
    [p.code, ...p.isoCodes].forEach((c, ci) => {
      const other = owner.get(c);
      if (other !== undefined) ctx.addIssue({ code: "custom", path: ["parties", pi, ci === 0 ? "code" : "isoCodes"], message: `code '${c}' already names ${other}` });
      else owner.set(c, p.code);
    }),
  );
});

export const partiesFileSchema = z.object({
  schemaVersion: z.literal(1),
  lists: z.array(partyListFileSchema).min(1),
});

export type Party = z.output<typeof partySchema>;
export type PartyList = z.output<typeof partyListSchema>;
export type Renaming = z.output<typeof renamingSchema>;
