import { readFileSync } from "node:fs";
import { validationConfig } from "../../src/core/validation/rules";
import { FindingSink } from "../../src/core/validation/finding-sink";
import { RULE_CODES } from "../../src/core/validation/rule-codes";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ruleCodesSource, target } = require("../../scripts/rule-codes.js") as { ruleCodesSource: () => string; target: string };

describe("rule codes typed from seeds/validation.json", () => {
  it("rule-codes.ts is what scripts/rule-codes.js writes from the registry (run it after adding a rule)", () => {
    expect(readFileSync(target, "utf8")).toBe(ruleCodesSource());
  });

  it("a code not in the registry does not compile (tsc, in lint, checks this file), nor pass at run time", () => {
    const sink = new FindingSink("Sheet1");
    // @ts-expect-error PT-CONT-999 is no code of seeds/validation.json
    expect(() => sink.add("PT-CONT-999", {})).toThrow("rule PT-CONT-999 is not in seeds/validation.json");
    sink.add("PT-CONT-001", { column: "Status", ref: "I.1" });
    expect(sink.list.map((f) => f.code)).toEqual(["PT-CONT-001"]);
  });

  it("lists every code of the registry, once, in its order", () => {
    expect([...RULE_CODES]).toEqual(validationConfig.rules.map((r) => r.code));
    expect(new Set(RULE_CODES).size).toBe(RULE_CODES.length);
  });
});
