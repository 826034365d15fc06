import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** The adapter sits between core and the front doors: it may import core, never the task pane or the CLI. */
describe("src/excel imports point inward", () => {
  const dir = join(__dirname, "../../src/excel");
  const files = readdirSync(dir).filter((f) => f.endsWith(".ts"));

  it.each(files)("%s imports nothing from src/taskpane or src/cli", (file) => {
    const text = readFileSync(join(dir, file), "utf8");
    const imports = [...text.matchAll(/from\s+"([^"]+)"/g)].map((m) => m[1] ?? "");
    expect(imports.filter((p) => /(^|\/)(taskpane|cli)(\/|$)/.test(p))).toEqual([]);
  });
});
