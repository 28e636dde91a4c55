import { defineConfig } from 'vitest/config';

// The tab is a Vite app rooted at src/app; vitest runs every test under test/.
export default defineConfig({
  root: 'src/app',
  test: {
    root: '.',
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // The contract and browser suites each start their own local store on a free port, so files can
    // run in parallel; two workers match the two cores CI has.
    pool: 'forks',
    maxWorkers: 2,
  },
});
