// dependency-cruiser: the layering and no-cycle rules, checked by `npm run lint` (depcruise src).
// Arrows point inward: front doors (src/taskpane, src/cli) → adapters (src/excel, src/xlsx) → src/core.
// The task pane may use core, xlsx and excel; the CLI core and xlsx; the two adapters only core,
// never each other; core nothing of ours. Type-only imports count (tsPreCompilationDeps).
// tests/layering/depcruise.test.ts plants violations in a copy of src and expects each rule to fire.

/** Paths are matched unanchored on node_modules so a copy of the tree with node_modules linked in reads the same. */
const UI_LIBRARIES = "node_modules/(@types/)?(react|react-dom)/|node_modules/@fluentui/";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "core-is-innermost",
      severity: "error",
      comment: "src/core is the pure domain: it imports nothing from the adapters or the front doors.",
      from: { path: "^src/core/" },
      to: { path: "^src/(xlsx|excel|taskpane|cli)/" },
    },
    {
      name: "core-no-node-builtins",
      severity: "error",
      comment: "src/core runs in the browser, the worker and Node alike: no Node built-ins (node:fs, path, ...).",
      from: { path: "^src/core/" },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "core-no-ui-libraries",
      severity: "error",
      comment: "src/core knows nothing of React or Fluent UI.",
      from: { path: "^src/core/" },
      to: { path: UI_LIBRARIES },
    },
    {
      name: "xlsx-uses-only-core",
      severity: "error",
      comment: "The file adapter may use core; never the Office.js adapter or a front door.",
      from: { path: "^src/xlsx/" },
      to: { path: "^src/(excel|taskpane|cli)/" },
    },
    {
      name: "excel-uses-only-core",
      severity: "error",
      comment: "The Office.js adapter may use core; never the file adapter or a front door.",
      from: { path: "^src/excel/" },
      to: { path: "^src/(xlsx|taskpane|cli)/" },
    },
    {
      name: "taskpane-not-to-cli",
      severity: "error",
      comment: "The task pane may use core, xlsx and excel; never the CLI.",
      from: { path: "^src/taskpane/" },
      to: { path: "^src/cli/" },
    },
    {
      name: "cli-uses-core-and-xlsx",
      severity: "error",
      comment: "The CLI may use core and xlsx; never the task pane or the Office.js adapter.",
      from: { path: "^src/cli/" },
      to: { path: "^src/(taskpane|excel)/" },
    },
    {
      name: "src-not-to-tests",
      severity: "error",
      comment: "Tests may import anything; src never imports tests.",
      from: { path: "^src/" },
      to: { path: "^tests/" },
    },
    {
      name: "no-circular",
      severity: "error",
      comment: "No import cycles, type-only ones included: move the shared type to the module both can import.",
      from: {},
      to: { circular: true },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      comment: "Every import resolves (a typo'd path, a package not installed).",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    // `import type` and type-only uses count: a type cycle is still a cycle in the design.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
  },
};
