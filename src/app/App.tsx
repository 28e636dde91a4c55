import { lazy, Suspense, useMemo } from 'react';
import type { i18n } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import type { TabConfig } from '../shared/auth/browser-config.js';
import type { HostInfo } from '../shared/teams/host.js';
import { ErrorBoundary } from '../shared/ui/ErrorBoundary.js';
import { Loading } from '../shared/ui/Page.js';
import type { UrlOverrides } from './overrides.js';
import { ThemeRoot } from './ThemeRoot.js';
import { SessionGate } from './SessionGate.js';
import { Shell } from './Shell.js';
import { NotFoundPage } from './NotFoundPage.js';
import { PageRoute, pageRoutes } from './pages.js';

// The channel tab's configuration page (Teams opens it once, when the tab is added): its own chunk too.
const ConfigPage = lazy(() => import('./ConfigPage.js').then((m) => ({ default: m.ConfigPage })));

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // One retry layer: the PnPjs pipeline (BrowserFetchWithRetry in createSp, 3 attempts) already
      // retries throttled/unavailable responses (429/503/504, honouring Retry-After) and requests
      // that failed on the network. Retrying again here would multiply the attempts on a
      // struggling SharePoint (3 × 4 with TanStack's default). What PnPjs does not retry (400, 401,
      // 403, 404, 412 conflict, 500) would fail the same way again, so it is shown at once with a
      // "Försök igen" button instead.
      queries: { retry: false, refetchOnWindowFocus: false, staleTime: 30_000 },
      mutations: { retry: false },
    },
  });
}

export interface AppProps {
  config: TabConfig;
  host: HostInfo;
  i18n: i18n;
  overrides: UrlOverrides;
}

export function App({ config, host, i18n, overrides }: AppProps) {
  const queryClient = useMemo(createQueryClient, []);
  return (
    <I18nextProvider i18n={i18n}>
      <ThemeRoot host={host} override={overrides.theme} language={i18n.language}>
        <ErrorBoundary>
          <QueryClientProvider client={queryClient}>
            <BrowserRouter>
              <Routes>
                <Route
                  path="/config"
                  element={
                    <Suspense fallback={<Loading label={i18n.t('shell.loadingPage')} />}>
                      <ConfigPage host={host} />
                    </Suspense>
                  }
                />
                <Route
                  element={
                    <SessionGate config={config} host={host}>
                      <Shell />
                    </SessionGate>
                  }
                >
                  <Route index element={<Navigate to="/tasks" replace />} />
                  {pageRoutes.map(({ path, page }) => (
                    <Route key={path} path={path} element={<PageRoute page={page} />} />
                  ))}
                  <Route path="*" element={<NotFoundPage />} />
                </Route>
              </Routes>
            </BrowserRouter>
          </QueryClientProvider>
        </ErrorBoundary>
      </ThemeRoot>
    </I18nextProvider>
  );
}
