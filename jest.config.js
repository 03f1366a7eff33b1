// ESM TypeScript through ts-jest; `npm test` sets NODE_OPTIONS=--experimental-vm-modules.
// ts-jest only transpiles here (isolatedModules): `npm run typecheck` is the type check.
//
// The end-to-end suite runs twice: once with the emulator's default readings and once with every
// alternative reading (emulator/readings.ts; the setup file sets EMULATOR_READINGS=alternatives), so
// the action is tested against each plausible behaviour of the points no primary source settles.
// readings.test.ts picks its readings itself and runs only once.
const shared = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, diagnostics: false, tsconfig: { rewriteRelativeImportExtensions: false } }],
  },
};
const E2E = '<rootDir>/__tests__/e2e/';

/** @type {import('jest').Config} */
export default {
  // End-to-end tests spawn dist/index.js; give them room on a 2-core machine. (Global options: Jest
  // ignores testTimeout and maxWorkers inside a project.)
  testTimeout: 60_000,
  maxWorkers: 3,
  projects: [
    { ...shared, displayName: 'unit, emulator, orchestration', testMatch: ['<rootDir>/__tests__/**/*.test.ts'], testPathIgnorePatterns: ['/node_modules/', E2E] },
    { ...shared, displayName: 'e2e', testMatch: [`${E2E}**/*.test.ts`] },
    {
      ...shared,
      displayName: 'e2e (other readings)',
      testMatch: [`${E2E}**/*.test.ts`],
      testPathIgnorePatterns: ['/node_modules/', `${E2E}readings\\.test\\.ts$`],
      setupFiles: ['<rootDir>/scripts/other-readings.cjs'],
    },
  ],
};
