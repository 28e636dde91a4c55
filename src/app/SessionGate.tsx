import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { makeStyles, tokens } from '@fluentui/react-components';
import { createRepositories, createSp, type TokenProvider } from '../shared/data/index.js';
import { missingApiSettings, missingProductionSettings, type TabConfig } from '../shared/auth/browser-config.js';
import { createApiClient } from '../shared/api/client.js';
import {
  choosePersona,
  fetchLocalSiteUrl,
  fetchPersonas,
  localPersonaTokenProvider,
  rememberedPersona,
  rememberPersona,
  type Persona,
} from '../shared/auth/local-browser-token.js';
import { CategorizedError } from '../shared/ui/error-info.js';
import { ErrorView } from '../shared/ui/ErrorView.js';
import { Loading } from '../shared/ui/Page.js';
import { SessionProvider, type Session } from '../shared/ui/session.js';
import type { HostInfo } from '../shared/teams/host.js';

/** The MSAL chunk (production only); one fetch however often it is asked for. */
export function loadMsal() {
  return import('../shared/auth/msal-token.js');
}

const useStyles = makeStyles({ pad: { padding: tokens.spacingHorizontalXXL } });

/** How to reach SharePoint, before a persona (local) or account (production) is chosen. */
interface Connection {
  siteUrl: string;
  personas: Persona[];
  /** Local mode: the remembered persona's token provider, its token already asked for during start-up. */
  early?: { upn: string; getToken: TokenProvider };
  /** Production: the MSAL-backed providers (SharePoint, the Systemkoll API) and a stable key for the account. */
  production?: { getToken: TokenProvider; getApiToken: TokenProvider; key: string };
}

async function connect(config: TabConfig, host: HostInfo): Promise<Connection> {
  if (config.mode === 'local') {
    // The start-up calls go out together: personas, the site, and the remembered persona's token
    // (the stand-in for the sign-in), so the first data request waits for one round of them, not three.
    const remembered = rememberedPersona();
    const early = remembered ? { upn: remembered, getToken: localPersonaTokenProvider(config.localSpUrl, remembered) } : undefined;
    // A persona the store no longer offers is dropped below; its token is then never used.
    early?.getToken().catch(() => undefined);
    const [personas, siteUrl] = await Promise.all([
      fetchPersonas(config.localSpUrl),
      config.siteUrl ? Promise.resolve(config.siteUrl) : fetchLocalSiteUrl(config.localSpUrl),
    ]).catch((error: unknown) => {
      throw new CategorizedError('config', `Den lokala SharePoint-tjänsten på ${config.localSpUrl} svarar inte: ${String(error)}`);
    });
    if (personas.length === 0) throw new CategorizedError('config', 'Den lokala SharePoint-tjänsten har inga demopersoner.');
    return { siteUrl, personas, ...(early ? { early } : {}) };
  }
  const missing = missingProductionSettings(config);
  if (missing.length) throw new CategorizedError('config', `Saknade inställningar: ${missing.join(', ')}`);
  // MSAL is loaded only in production mode (main.tsx starts fetching it beside the Teams start-up).
  const { createMsalSession } = await loadMsal();
  const msal = await createMsalSession({
    clientId: config.clientId,
    tenantId: host.tenantId ?? config.tenantId,
    spResource: config.spResource,
    nested: host.inTeams && host.naaRecommended,
    ...(host.loginHint ? { loginHint: host.loginHint } : {}),
    redirectUri: `${window.location.origin}/redirect.html`,
  });
  return {
    siteUrl: config.siteUrl,
    personas: [],
    production: {
      getToken: msal.getToken,
      // A second token request, for the API's own scope (never SharePoint's token sent elsewhere).
      getApiToken: msal.tokenProvider(config.apiScope),
      key: `entra:${msal.account()?.homeAccountId ?? 'user'}`,
    },
  };
}

/** Connects to SharePoint (local store or tenant) and provides the session to everything below. */
export function SessionGate({ config, host, children }: { config: TabConfig; host: HostInfo; children: ReactNode }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const queryClient = useQueryClient();
  const [connection, setConnection] = useState<Connection | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const [personaUpn, setPersonaUpn] = useState<string | null>(() => rememberedPersona());

  useEffect(() => {
    let cancelled = false;
    setError(null);
    connect(config, host).then(
      (c) => !cancelled && setConnection(c),
      (e: unknown) => !cancelled && setError(e),
    );
    return () => {
      cancelled = true;
    };
  }, [config, host, attempt]);

  const switchPersona = useCallback(
    (upn: string) => {
      rememberPersona(upn);
      // Another person: nothing read as the previous one may be shown.
      queryClient.clear();
      setPersonaUpn(upn);
    },
    [queryClient],
  );

  const session = useMemo<Session | null>(() => {
    if (!connection) return null;
    let getToken: TokenProvider;
    let getApiToken: TokenProvider;
    let key: string;
    let persona: Persona | null = null;
    if (connection.production) {
      ({ getToken, getApiToken, key } = connection.production);
    } else {
      persona = choosePersona(connection.personas, personaUpn);
      if (!persona) return null;
      const early = connection.early;
      getToken =
        early && early.upn.toLowerCase() === persona.upn.toLowerCase()
          ? early.getToken
          : localPersonaTokenProvider(config.localSpUrl, persona.upn);
      // Locally the API accepts the same unsigned persona token (it listens on loopback only).
      getApiToken = getToken;
      key = `local:${persona.upn.toLowerCase()}`;
    }
    const sp = createSp({ siteUrl: connection.siteUrl, getToken });
    return {
      config: { ...config, siteUrl: connection.siteUrl },
      host,
      sp,
      repos: createRepositories(sp),
      api: createApiClient({ baseUrl: config.apiUrl, getToken: getApiToken, missing: missingApiSettings(config) }),
      key,
      personas: connection.personas,
      persona,
      switchPersona,
    };
  }, [connection, personaUpn, config, host, switchPersona]);

  if (error) {
    return (
      <div className={styles.pad}>
        <ErrorView error={error} onRetry={() => setAttempt((n) => n + 1)} />
      </div>
    );
  }
  if (!session) {
    return (
      <div className={styles.pad}>
        <Loading label={t('shell.connecting')} />
      </div>
    );
  }
  return (
    <SessionProvider key={session.key} session={session}>
      {children}
    </SessionProvider>
  );
}
