import { execFile } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";

/**
 * The layering and no-cycle rules of .dependency-cruiser.cjs (run by `npm run lint`) hold for the
 * real src, and each rule fires when a violation is planted in a copy of src: an upward import,
 * a Node built-in or React in core, one adapter importing the other, the front doors importing each
 * other, src importing tests, a type-only cycle, an import that does not resolve.
 */

const ROOT = join(__dirname, "../..");
const CONFIG = join(ROOT, ".dependency-cruiser.cjs");
const DEPCRUISE = join(ROOT, "node_modules/dependency-cruiser/bin/dependency-cruise.mjs");
const DEPCRUISE_FMT = join(ROOT, "node_modules/dependency-cruiser/bin/depcruise-fmt.mjs");

interface Violation {
  readonly from: string;
  readonly to: string;
  readonly rule: { readonly name: string };
}
interface Cruise {
  readonly exitCode: number;
  readonly stdout: string;
}

/** Runs a dependency-cruiser script; the err reporter exits with the number of errors, which is not a failure here. */
async function run(script: string, args: readonly string[], cwd: string): Promise<Cruise> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [script, ...args], { cwd, maxBuffer: 64 * 1024 * 1024 });
    return { exitCode: 0, stdout };
  } catch (e) {
    const failed = e as { code?: unknown; stdout?: string };
    if (typeof failed.code !== "number" || !failed.stdout) throw e;
    return { exitCode: failed.code, stdout: failed.stdout };
  }
}

/** `depcruise src --config .dependency-cruiser.cjs` in cwd, as `npm run lint` runs it (or with another output type). */
const depcruise = (cwd: string, ...more: string[]): Promise<Cruise> => run(DEPCRUISE, ["src", "--config", CONFIG, ...more], cwd);

/** file → contents, each a violation of one rule (the cycle: two files). */
const PLANTED: Readonly<Record<string, string>> = {
  "src/core/zz-upward.ts": 'import { officeHost } from "../excel/host";\nexport const planted = officeHost;\n',
  "src/core/zz-node.ts": 'import { readFileSync } from "node:fs";\nimport { join } from "path";\nexport const planted = [readFileSync, join];\n',
  "src/core/zz-react.ts": 'import { useState } from "react";\nexport const planted = useState;\n',
  "src/excel/zz-xlsx.ts": 'import { readReturnBytes } from "../xlsx/read-return";\nexport const planted = readReturnBytes;\n',
  "src/xlsx/zz-excel.ts": 'import { REQUIRED_EXCEL_API } from "../excel/requirements";\nexport const planted = REQUIRED_EXCEL_API;\n',
  "src/taskpane/zz-cli.ts": 'import { planted as wording } from "../cli/zz-taskpane";\nexport const planted = wording;\n',
  "src/cli/zz-taskpane.ts": 'import { PANE_WORKER_FAILED } from "../taskpane/errors";\nexport const planted = PANE_WORKER_FAILED;\n',
  "src/cli/zz-tests.ts": 'import { helper } from "../../tests/zz-helper";\nexport const planted = helper;\n',
  "tests/zz-helper.ts": "export const helper = 1;\n",
  "src/core/zz-cycle-a.ts": 'import type { B } from "./zz-cycle-b";\nexport interface A { readonly b?: B }\n',
  "src/core/zz-cycle-b.ts": 'import type { A } from "./zz-cycle-a";\nexport interface B { readonly a?: A }\n',
  "src/core/zz-missing.ts": 'import { nothing } from "./zz-does-not-exist";\nexport const planted = nothing;\n',
};

/** A package as seen from the copy (node_modules is a link there), named as from the repo. */
const key = (v: Violation): string => `${v.rule.name}: ${v.from} → ${v.to.replace(/^.*\/node_modules\//, "node_modules/")}`;

describe("dependency-cruiser layering rules", () => {
  let copy: string;
  let real: Cruise;
  let lintOfPlanted: Cruise;
  let violations: readonly Violation[];

  beforeAll(async () => {
    // A copy of what src imports from outside itself (seeds, package.json), node_modules linked in.
    copy = mkdtempSync(join(tmpdir(), "pact-depcruise-"));
    for (const p of ["src", "seeds", "package.json", "tsconfig.json"]) cpSync(join(ROOT, p), join(copy, p), { recursive: true });
    symlinkSync(join(ROOT, "node_modules"), join(copy, "node_modules"), "dir");
    for (const [file, text] of Object.entries(PLANTED)) {
      mkdirSync(dirname(join(copy, file)), { recursive: true });
      writeFileSync(join(copy, file), text);
    }
    // The copy is cruised once (json); the lint reporter then formats that result, exit code included.
    const result = join(copy, "cruise.json");
    [real] = await Promise.all([depcruise(ROOT), depcruise(copy, "--output-type", "json", "--output-to", result)]);
    lintOfPlanted = await run(DEPCRUISE_FMT, ["--output-type", "err", "--exit-code", result], copy);
    violations = JSON.parse(readFileSync(result, "utf8")).summary.violations;
  }, 30_000);

  afterAll(() => {
    if (copy) rmSync(copy, { recursive: true, force: true });
  });

  it("finds no violation in the real src", () => {
    expect(real.stdout).toContain("no dependency violations found");
    expect(real.exitCode).toBe(0);
  });

  it("reports every planted violation, and only those", () => {
    const found = violations.filter((v) => v.rule.name !== "no-circular").map(key).sort();
    expect(found).toEqual(
      [
        "core-is-innermost: src/core/zz-upward.ts → src/excel/host.ts",
        "core-no-node-builtins: src/core/zz-node.ts → fs",
        "core-no-node-builtins: src/core/zz-node.ts → path",
        "core-no-ui-libraries: src/core/zz-react.ts → node_modules/react/index.js",
        "excel-uses-only-core: src/excel/zz-xlsx.ts → src/xlsx/read-return.ts",
        "xlsx-uses-only-core: src/xlsx/zz-excel.ts → src/excel/requirements.ts",
        "taskpane-not-to-cli: src/taskpane/zz-cli.ts → src/cli/zz-taskpane.ts",
        "cli-uses-core-and-xlsx: src/cli/zz-taskpane.ts → src/taskpane/errors.ts",
        "src-not-to-tests: src/cli/zz-tests.ts → tests/zz-helper.ts",
        "not-to-unresolvable: src/core/zz-missing.ts → ./zz-does-not-exist",
      ].sort(),
    );
  });

  it("fails lint on them: the err reporter exits with the number of errors", () => {
    // (It lists a cycle once from each end, so it can count more errors than the json's violations.)
    expect(lintOfPlanted.exitCode).toBeGreaterThanOrEqual(violations.length);
    expect(lintOfPlanted.stdout).toContain(`(${lintOfPlanted.exitCode} errors, 0 warnings)`);
    for (const v of violations) expect(lintOfPlanted.stdout).toContain(`error ${v.rule.name}: ${v.from}`);
  });

  it("counts a cycle made only of type imports", () => {
    const cycles = violations.filter((v) => v.rule.name === "no-circular");
    expect(cycles.length).toBeGreaterThan(0);
    for (const v of cycles) expect([v.from, v.to].sort()).toEqual(["src/core/zz-cycle-a.ts", "src/core/zz-cycle-b.ts"]);
  });
});
