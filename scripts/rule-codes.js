// Writes src/core/validation/rule-codes.ts from seeds/validation.json, so that a rule code used in
// code is checked by the compiler against the registry. `node scripts/rule-codes.js` after adding a
// rule; a test fails while the file is out of date.
const fs = require("node:fs");
const path = require("node:path");

const root = path.join(__dirname, "..");
const target = path.join(root, "src", "core", "validation", "rule-codes.ts");

function ruleCodesSource() {
  const registry = JSON.parse(fs.readFileSync(path.join(root, "seeds", "validation.json"), "utf8"));
  const codes = registry.rules.map((r) => r.code);
  return [
    "// Written by scripts/rule-codes.js from seeds/validation.json; do not edit by hand.",
    "",
    "/** Every code of the rule registry, in its order. */",
    "export const RULE_CODES = [",
    ...codes.map((c) => `  ${JSON.stringify(c)},`),
    "] as const;",
    "",
    "/** A code of the rule registry: a code not in seeds/validation.json does not compile. */",
    "export type RuleCode = (typeof RULE_CODES)[number];",
    "",
  ].join("\n");
}

module.exports = { ruleCodesSource, target };

if (require.main === module) {
  fs.writeFileSync(target, ruleCodesSource());
  console.log(`wrote ${path.relative(root, target)}`);
}
