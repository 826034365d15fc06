// Real-browser tests of the production task pane in standalone mode: Debian's Chromium driven by
// playwright-core (no browser is downloaded). They also refresh docs/screenshots/ (docs/taskpane.md).
//
//   npx jest -c jest.e2e.config.js
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests/e2e"],
  testMatch: ["**/tests/e2e/**/*.e2e.ts"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: false }],
  },
  // Builds dist/ with `webpack --mode production` when it is missing or older than the sources.
  globalSetup: "<rootDir>/tests/e2e/global-setup.js",
  // One browser at a time: the suites share the machine with webpack and exceljs.
  maxWorkers: 1,
  testTimeout: 180000,
};
