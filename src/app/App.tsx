import { useMemo } from 'react';
import type { i18n } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import type { TabConfig } from '../shared/auth/browser-config.js';
import type { HostInfo } from '../shared/teams/host.js';
import { ErrorBoundary } from '../shared/ui/ErrorBoundary.js';
import { MyTasksPage } from '../features/my-tasks/components/MyTasksPage.js';
import { SystemsPage } from '../features/systems/components/SystemsPage.js';
import { SystemCreatePage, SystemDetailPage } from '../features/systems/components/SystemDetailPage.js';
import { IncidentsPage } from '../features/incidents/components/IncidentsPage.js';
import { IncidentDetailPage } from '../features/incidents/components/IncidentDetailPage.js';
import { ReportIncidentPage } from '../features/incidents/components/ReportIncidentPage.js';
import { TrainingPage } from '../features/training/components/TrainingPage.js';
import { DevicesPage } from '../features/devices/components/DevicesPage.js';
import { CoursePage } from '../features/course/components/CoursePage.js';
import { ReportsPage } from '../features/reports/components/ReportsPage.js';
import { AdminPage } from '../features/admin/components/AdminPage.js';
import { SystemRequirementsPage } from '../features/requirements/components/SystemRequirements.js';
import { ActionPlanPage } from '../features/requirements/components/ActionPlanPage.js';
import { RestoreOrderPage } from '../features/restore-order/components/RestoreOrderPage.js';
import { OverviewPage } from '../features/overview/components/OverviewPage.js';
import { OutboxPage } from '../features/outbox/components/OutboxPage.js';
import type { UrlOverrides } from './overrides.js';
import { ThemeRoot } from './ThemeRoot.js';
import { SessionGate } from './SessionGate.js';
import { Shell } from './Shell.js';
import { ConfigPage } from './ConfigPage.js';
import { NotFoundPage } from './NotFoundPage.js';

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
                <Route path="/config" element={<ConfigPage host={host} />} />
                <Route
                  element={
                    <SessionGate config={config} host={host}>
                      <Shell />
                    </SessionGate>
                  }
                >
                  <Route index element={<Navigate to="/tasks" replace />} />
                  <Route path="tasks" element={<MyTasksPage />} />
                  <Route path="overview" element={<OverviewPage />} />
                  <Route path="outbox" element={<OutboxPage />} />
                  <Route path="systems" element={<SystemsPage />} />
                  <Route path="systems/new" element={<SystemCreatePage />} />
                  <Route path="systems/:id" element={<SystemDetailPage />} />
                  <Route path="systems/:id/requirements" element={<SystemRequirementsPage />} />
                  <Route path="requirements" element={<ActionPlanPage />} />
                  <Route path="restore-order" element={<RestoreOrderPage />} />
                  <Route path="incidents" element={<IncidentsPage />} />
                  <Route path="incidents/new" element={<ReportIncidentPage />} />
                  <Route path="incidents/:id" element={<IncidentDetailPage />} />
                  <Route path="training" element={<TrainingPage />} />
                  <Route path="training/courses/:id" element={<CoursePage />} />
                  <Route path="reports" element={<ReportsPage />} />
                  <Route path="devices" element={<DevicesPage />} />
                  <Route path="admin" element={<AdminPage />} />
                  <Route path="admin/permissions" element={<AdminPage />} />
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
