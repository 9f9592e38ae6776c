/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  // TypeScript sources first: a stray compiled .js beside a .ts must never shadow it.
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json', 'node'],
  moduleNameMapper: {
    // Tests written as a user would (test/testing) import the package by name: run them on lib/.
    '^nestjs-session-kit$': '<rootDir>/lib/index.ts',
    '^nestjs-session-kit/testing$': '<rootDir>/lib/testing/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
  },
  testMatch: ['<rootDir>/test/**/*.spec.ts'],
  testTimeout: 30000,
  // Its lines come last: how many tests did not run, and which.
  reporters: ['default', '<rootDir>/test/reporters/skipped-tests-reporter.js'],
};
