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
};
