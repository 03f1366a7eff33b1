// ESM TypeScript through ts-jest; `npm test` sets NODE_OPTIONS=--experimental-vm-modules.
// ts-jest only transpiles here (isolatedModules): `npm run typecheck` is the type check.
/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, diagnostics: false, tsconfig: { rewriteRelativeImportExtensions: false } }],
  },
  testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
  // End-to-end tests spawn dist/index.js; give them room on a 2-core machine.
  testTimeout: 60_000,
  maxWorkers: 2,
};
