import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));
const tabPort = Number(process.env.TAB_PORT ?? 5173);

// The tab is a Vite app rooted at src/app; vitest runs every test under test/.
export default defineConfig({
  root: 'src/app',
  // .env files live at the repository root, not in src/app.
  envDir: repoRoot,
  plugins: [react()],
  // Deep links such as /systems/12 load index.html (Vite's SPA fallback, dev and preview).
  appType: 'spa',
  build: {
    outDir: '../../dist/tab',
    emptyOutDir: true,
    sourcemap: true,
    rollupOptions: {
      input: {
        main: fileURLToPath(new URL('./src/app/index.html', import.meta.url)),
        // MSAL redirect bridge for the popup/redirect fallback outside Teams (served without COOP).
        redirect: fileURLToPath(new URL('./src/app/redirect.html', import.meta.url)),
      },
    },
  },
  server: { host: '127.0.0.1', port: tabPort, strictPort: false },
  preview: { host: '127.0.0.1', port: tabPort, strictPort: false },
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
