import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { readTabConfig } from '../shared/auth/browser-config.js';
import { createI18n, localeTag, pickLanguage } from '../shared/i18n/index.js';
import { initTeamsHost } from '../shared/teams/host.js';
import { App } from './App.js';
import { readUrlOverrides } from './overrides.js';
import { preloadPage, reloadOnStaleChunks } from './pages.js';
import { loadMsal } from './SessionGate.js';

async function start(): Promise<void> {
  const overrides = readUrlOverrides(window.location.search);
  const config = readTabConfig(import.meta.env as Record<string, string | boolean | undefined>);
  reloadOnStaleChunks();
  // The page's own chunk (and in production the sign-in's) comes beside the Teams start-up, not after it.
  preloadPage(window.location.pathname);
  if (config.mode === 'production') loadMsal().catch(() => undefined);
  const host = await initTeamsHost();
  const language = pickLanguage([overrides.language, host.locale, ...(navigator.languages ?? []), navigator.language]);
  const i18n = createI18n(language);
  document.documentElement.lang = localeTag[language];
  document.title = i18n.t('app.title');
  const root = document.getElementById('root');
  if (!root) throw new Error('#root saknas i index.html');
  createRoot(root).render(
    <StrictMode>
      <App config={config} host={host} i18n={i18n} overrides={overrides} />
    </StrictMode>,
  );
}

void start();
