/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: false }],
  },
  testPathIgnorePatterns: ["/node_modules/", "/tests/e2e/"],
  globalSetup: "<rootDir>/tests/global-setup.js",
  testTimeout: 60000,
  // Jest's default on a 2-core machine is one worker; half the tests wait on LibreOffice, openpyxl
  // or a child process, so two keep both cores busy (measured: 486 s in one worker, 327 s in two).
  maxWorkers: 2,
};
