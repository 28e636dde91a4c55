/**
 * npm run roster -- --site <url> --graph <url> [--full] [--json] [--auth local|certificate]
 *
 * One run of the roster sync from Entra ID (src/server/roster/sync.ts): Microsoft Graph users/delta
 * into Personal, app-only. The first run reads every user; later runs only what changed since the
 * delta link kept in Konfiguration (`rosterDeltaLink`); --full reads everything again.
 * With --json, stdout is one JSON object {"full","pages","throttled","created","updated",
 * "deactivated","moved","unchanged","unmatchedDepartments":[…]}; exit code 0 on success, 1 when the
 * sync failed, 2 for wrong usage.
 */
import { parseArgs } from 'node:util';
import { readBotEnv, sharePointCertificate } from '../bot/config.js';
import { createLocalAppToken } from '../shared/auth/local-token.js';
import { createRepositories, createSp } from '../shared/data/index.js';
import { isLoopbackUrl } from '../server/auth/sharepoint-token.js';
import { graphAppOnlyToken } from '../server/notifications/sender.js';
import { syncRoster, type RosterSyncReport } from '../server/roster/sync.js';
import { connectSite, runCommand } from './site-connection.js';

const usage = `Användning: npm run roster -- --site <webbadress> [--graph <webbadress>] [--full] [--json] [--auth local|certificate]

  Hämtar personalen från Entra ID (Microsoft Graph users/delta) till listan Personal: namn,
  förvaltning, chef, befattning, extern, konto aktivt och slutdatum. Första körningen läser alla,
  sedan bara det som ändrats.

  --site   SharePoint-webbplatsen, t.ex. https://kommun.sharepoint.com/sites/systemkoll
  --graph  Graph-slutpunkten (standard https://graph.microsoft.com; lokalt t.ex. bot-värdens
           http://127.0.0.1:3978/_local/graph)
  --full   läs alla användare igen, inte bara ändringarna
  --json   skriv ut rapporten som ett JSON-objekt
  --auth   local (standard för 127.0.0.1) eller certificate (app-only, SP_APP_*)`;

function readable(r: RosterSyncReport): string {
  return [
    `Personalen synkroniserad från Entra ID (${r.full ? 'alla användare' : 'ändringar'}, ${r.pages} sidor${r.throttled ? `, ${r.throttled} gånger begränsad av Graph` : ''}):`,
    `  ${r.created} nya, ${r.updated} ändrade, ${r.deactivated} inaktiverade, ${r.moved} bytte förvaltning, ${r.unchanged} oförändrade.`,
    ...(r.unmatchedDepartments.length
      ? [`  Okända förvaltningar (lägg till dem under Förvaltningar): ${r.unmatchedDepartments.join(', ')}.`]
      : []),
  ].join('\n');
}

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        site: { type: 'string' },
        graph: { type: 'string' },
        full: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        auth: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    return 2;
  }
  if (values.help) {
    console.log(usage);
    return 0;
  }
  if (!values.site || !URL.canParse(values.site)) {
    console.error(usage);
    return 2;
  }
  const site = values.site.replace(/\/+$/, '');
  const json = values.json === true;
  try {
    const config = readBotEnv(process.env);
    const local = isLoopbackUrl(site);
    const auth = values.auth ?? (local ? 'local' : 'certificate');
    if (auth !== 'local' && auth !== 'certificate')
      throw new Error(`Synkroniseringen körs app-only: välj --auth local eller certificate, inte "${auth}".`);
    const graph = values.graph ?? config.GRAPH_BASE_URL ?? (local ? undefined : 'https://graph.microsoft.com');
    if (!graph) throw new Error('Ange --graph: lokalt läge har ingen Entra ID, bara bot-värdens lokala Graph-slutpunkt.');
    let getToken: () => Promise<string>;
    let sp;
    if (auth === 'local') {
      if (!local || !isLoopbackUrl(graph)) throw new Error('Lokala token fungerar bara mot den egna datorn (127.0.0.1).');
      getToken = async () => createLocalAppToken();
      sp = createSp({ siteUrl: site, getToken, userAgent: 'NONISV|Systemkoll|Roster' });
    } else {
      const cert = sharePointCertificate(config);
      if (!cert) throw new Error('Microsoft Graph kräver certifikatinloggning: sätt ENTRA_TENANT_ID, SP_APP_CLIENT_ID och SP_APP_CERT_*.');
      getToken = graphAppOnlyToken(cert);
      sp = connectSite({ site, auth: 'certificate' }, (m) => console.error(m)).sp;
    }
    const report = await syncRoster({ repos: createRepositories(sp), graphBaseUrl: graph, getToken, full: values.full === true });
    console.log(json ? JSON.stringify(report) : readable(report));
    return 0;
  } catch (error) {
    const message = `Personalen kunde inte synkroniseras: ${error instanceof Error ? error.message : String(error)}`;
    if (json) console.log(JSON.stringify({ error: message }));
    else console.error(message);
    return 1;
  }
}

runCommand(main);
