import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { loadEnv, type Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { isProductionBuild, productionBuildProblems } from './src/server/tab/build-env.js';
import { tabServerEnv } from './src/cli/env.js';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));
// Read once, validated (a bad TAB_PORT stops with a Swedish message).
const tabPort = tabServerEnv().TAB_PORT;

/** A production build stops with a Swedish message when its VITE_* settings are missing or malformed. */
function checkProductionSettings(): Plugin {
  return {
    name: 'systemkoll-check-settings',
    apply: 'build',
    configResolved(config) {
      const env = { ...loadEnv(config.mode, repoRoot, 'VITE_'), ...pickVite(process.env) };
      if (!isProductionBuild(env)) return;
      const problems = productionBuildProblems(env);
      if (problems.length > 0) throw new Error(`Fliken kan inte byggas för produktion:\n  – ${problems.join('\n  – ')}`);
    },
  };
}

function pickVite(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).filter(([k]) => k.startsWith('VITE_')));
}

// The tab is a Vite app rooted at src/app; vitest runs every test under test/.
export default defineConfig({
  root: 'src/app',
  // .env files live at the repository root, not in src/app.
  envDir: repoRoot,
  plugins: [react(), checkProductionSettings()],
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
  server: {
    host: '127.0.0.1',
    port: tabPort,
    strictPort: false,
    // The dev server serves only the app and its dependencies — never the local store's data
    // directory, .env files or keys through /@fs/.
    fs: {
      strict: true,
      allow: [
        fileURLToPath(new URL('./src', import.meta.url)),
        fileURLToPath(new URL('./manifest', import.meta.url)),
        fileURLToPath(new URL('./node_modules', import.meta.url)),
      ],
      deny: ['.env', '.env.*', '*.{crt,pem,key}', '**/.data/**', '**/*.sqlite*', '**/*.db'],
    },
  },
  preview: { host: '127.0.0.1', port: tabPort, strictPort: false },
  test: {
    root: '.',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // The contract, integration and browser suites each start their own local store on a free port,
    // so files can run in parallel; two workers match the two cores CI has.
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      // Pure tests (domain rules, mapping, filters, tab helpers): seconds, no servers. `npm run test:unit`.
      // No per-file isolation: the pure tests share no state, and importing the modules once per
      // worker halves the run.
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.{ts,tsx}'], isolate: false } },
      // Against a real local store, bot host or package build.
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/{contract,integration,demo,bot,package}/**/*.test.{ts,tsx}'],
        },
      },
      // Real headless Chromium (Debian's) against a production build of the tab.
      { extends: true, test: { name: 'browser', include: ['test/browser/**/*.test.{ts,tsx}'] } },
    ],
  },
});
