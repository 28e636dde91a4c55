/**
 * How the CLIs (provision, import, export) reach a site: `--auth local` (the local store, as
 * `--as`/`--user`, default the admin), `interactive` (device code, delegated — the admin at the
 * terminal) or `certificate` (app-only). Local is the default for a loopback site.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { createSp, type TokenProvider } from '../shared/data/sp.js';
import { certificateFromEnv, sharePointAppOnlyToken } from '../server/auth/certificate.js';
import { deviceCodeTokenProvider, isLoopbackUrl, localTokenProvider } from '../server/auth/sharepoint-token.js';
import { provisioningEnv } from './env.js';

export const DEFAULT_LOCAL_USER = 'admin@exempelkommun.se';

export interface SiteConnection {
  site: string;
  /** Reads: the normal pipeline (retries throttling and dropped connections). */
  sp: ReturnType<typeof createSp>;
  /** Writes: no automatic resend, so a lost reply is checked by reading before writing again. */
  writeSp: ReturnType<typeof createSp>;
}

export function connectSite(
  options: { site: string; auth?: string | undefined; as?: string | undefined },
  log: (m: string) => void,
): SiteConnection {
  const env = provisioningEnv();
  const site = options.site.replace(/\/+$/, '');
  if (!URL.canParse(site)) throw new Error(`--site måste vara en webbadress, inte "${options.site}".`);
  const auth = options.auth ?? (isLoopbackUrl(site) ? 'local' : 'interactive');
  let getToken: TokenProvider;
  if (auth === 'local') {
    if (!isLoopbackUrl(site)) throw new Error('Lokala token fungerar bara mot den lokala SharePoint-lagringen (127.0.0.1).');
    getToken = localTokenProvider(options.as ?? DEFAULT_LOCAL_USER);
  } else if (auth === 'certificate') {
    const cred = certificateFromEnv('SP_APP_', { tenantId: env.ENTRA_TENANT_ID, clientId: env.SP_APP_CLIENT_ID }, env);
    if (!cred)
      throw new Error(
        'Certifikatinloggning kräver SP_APP_CLIENT_ID, SP_APP_CERT_KEY_PATH och SP_APP_CERT_THUMBPRINT_SHA256 (se .env.example).',
      );
    getToken = sharePointAppOnlyToken(site, cred);
  } else if (auth === 'interactive') {
    const tenantId = env.ENTRA_TENANT_ID;
    const clientId = env.ENTRA_CLIENT_ID;
    if (!tenantId || !clientId) throw new Error('Interaktiv inloggning kräver ENTRA_TENANT_ID och ENTRA_CLIENT_ID.');
    getToken = deviceCodeTokenProvider(site, { tenantId, clientId }, log);
  } else {
    throw new Error(`Okänt inloggningssätt '${auth}' (local, interactive eller certificate).`);
  }
  const userAgent = `NONISV|Systemkoll|Systemkoll/${env.npm_package_version}`;
  return {
    site,
    sp: createSp({ siteUrl: site, getToken, userAgent }),
    writeSp: createSp({ siteUrl: site, getToken, userAgent, retries: 1 }),
  };
}

type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>;

const SITE_OPTIONS = {
  site: { type: 'string' },
  auth: { type: 'string' },
  as: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type CommandValues<O extends ParseArgsOptionsConfig> = ReturnType<
  typeof parseArgs<{ options: typeof SITE_OPTIONS & O; allowPositionals: true }>
>['values'];

/**
 * A site CLI's command line: an optional sub-command (e.g. `register`) plus --site/--auth/--as/--help
 * and the command's own options. Usage goes to stderr with exit code 2 when something required is
 * missing or unknown, to stdout with 0 for --help.
 */
export function parseSiteCommand<const O extends ParseArgsOptionsConfig>(
  usage: string,
  options: O,
  required: readonly (keyof O & string)[],
  command: string | null = null,
): { values: CommandValues<O> & { site: string } } | { exit: number } {
  let parsed;
  try {
    parsed = parseArgs({ allowPositionals: true, options: { ...SITE_OPTIONS, ...options } });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    return { exit: 2 };
  }
  const { values, positionals } = parsed as unknown as { values: CommandValues<O>; positionals: string[] };
  if ((values as { help?: boolean }).help) {
    console.log(usage);
    return { exit: 0 };
  }
  const record = values as Record<string, unknown>;
  const commandOk = command === null ? positionals.length === 0 : positionals[0] === command && positionals.length === 1;
  if (!commandOk || !record.site || required.some((k) => !record[k])) {
    console.error(usage);
    return { exit: 2 };
  }
  return { values: values as CommandValues<O> & { site: string } };
}

/** The register CLIs' command line: `register` and the site options (see parseSiteCommand). */
export function parseRegisterCommand<const O extends ParseArgsOptionsConfig>(
  usage: string,
  options: O,
  required: readonly (keyof O & string)[],
): { values: CommandValues<O> & { site: string } } | { exit: number } {
  return parseSiteCommand(usage, options, required, 'register');
}

/** Runs a CLI's main and sets the exit code it returns (1 for anything it did not catch). */
export function runCommand(main: () => Promise<number>): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
