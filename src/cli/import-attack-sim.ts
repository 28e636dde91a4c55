/**
 * npm run import -- attack-sim --site <url> [--graph <url>] [--dry-run] [--json] [--auth …] [--as <upn>]
 *
 * Defender attack-simulation training status (Microsoft Graph getAttackSimulationTrainingUserCoverage)
 * into Genomförda utbildningar through src/register-io/import-attack-sim.ts. With --json, stdout is
 * one JSON object {"created","updated","unchanged","skipped","warnings","errors","pages","throttled",
 * "rows":[{"row","person","training","course","status","messages"}],"dryRun"} (status created |
 * unchanged | skipped | error); exit code 0 without errors, 1 with errors, 2 for wrong usage.
 * Graph is read app-only: in production with the roster sync's app registration and certificate
 * (SP_APP_*, AttackSimulation.Read.All), locally from the bot host's local Graph endpoint.
 */
import { readBotEnv, sharePointCertificate } from '../bot/config.js';
import { createLocalAppToken } from '../shared/auth/local-token.js';
import { isLoopbackUrl } from '../server/auth/sharepoint-token.js';
import { readTrainingCoverage } from '../server/defender/training-coverage.js';
import { LOCAL_GRAPH_PATH } from '../server/notifications/host.js';
import { graphAppOnlyToken } from '../server/notifications/sender.js';
import { importAttackSim, type AttackSimImportReport } from '../register-io/import-attack-sim.js';
import { localStackEnv } from './env.js';
import { connectSite, parseSiteCommand } from './site-connection.js';
import { printImport } from './import-report.js';

const usage = `Användning: npm run import -- attack-sim --site <webbadress> [--graph <webbadress>] [--dry-run] [--json]
                          [--auth local|interactive|certificate] [--as <upn>]

  attack-sim  importera genomförda utbildningar från Microsoft Defenders attacksimuleringar
              (Microsoft Graph, AttackSimulation.Read.All); vilka kurser de räknas till styrs av
              inställningarna defenderTrainingCourse och defenderTrainingMap i Konfiguration
  --site      SharePoint-webbplatsen
  --graph     Graph-slutpunkten (standard https://graph.microsoft.com; lokalt bot-värdens
              http://127.0.0.1:<BOT_PORT>/_local/graph)
  --dry-run   provkörning: rapport rad för rad, inget sparas
  --json      skriv ut rapporten som ett JSON-objekt
  --auth      local (standard för 127.0.0.1), interactive (enhetskod) eller certificate (app-only)
  --as        lokalt läge: vem som importerar (standard admin@exempelkommun.se)`;

const STATUS_SV = { created: 'ny', unchanged: 'fanns redan', skipped: 'hoppas över', error: 'fel' } as const;

function readable(report: AttackSimImportReport, site: string): string {
  const lines = [`Import av utbildningar från Microsoft Defender till ${site}${report.dryRun ? ' – provkörning, inget sparas' : ''}`, ''];
  for (const r of report.rows) {
    lines.push(`Rad ${r.row}: ${r.person || '–'} – ${r.training || '–'}${r.course ? ` → ${r.course}` : ''} – ${STATUS_SV[r.status]}`);
    for (const m of r.messages) lines.push(`    ${m}`);
  }
  lines.push('');
  lines.push(
    `Summa (${report.rows.length} rader, ${report.pages} sidor från Graph${report.throttled ? `, ${report.throttled} gånger begränsad` : ''}): ${report.created} nya, ${report.unchanged} fanns redan, ${report.skipped} hoppades över (${report.warnings} personer saknas i Personal), ${report.errors} med fel.`,
  );
  if (report.dryRun && report.errors === 0) lines.push('Kör utan --dry-run för att spara.');
  return lines.join('\n');
}

export async function attackSim(): Promise<number> {
  const parsed = parseSiteCommand(
    usage,
    { graph: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
    [],
    'attack-sim',
  );
  if ('exit' in parsed) return parsed.exit;
  const { values } = parsed;
  let site = values.site;
  return printImport({
    json: values.json === true,
    run: async () => {
      const connection = connectSite({ site: values.site, auth: values.auth, as: values.as }, (m) => console.error(m));
      const config = readBotEnv(process.env);
      site = connection.site;
      const local = isLoopbackUrl(connection.site);
      const graph =
        values.graph ??
        config.GRAPH_BASE_URL ??
        (local ? `http://127.0.0.1:${localStackEnv().BOT_PORT}${LOCAL_GRAPH_PATH}` : 'https://graph.microsoft.com');
      if (!URL.canParse(graph)) throw new Error(`--graph måste vara en webbadress, inte "${graph}".`);
      let getToken: () => Promise<string>;
      if (isLoopbackUrl(graph)) {
        if (!local) throw new Error('Den lokala Graph-slutpunkten hör till den lokala webbplatsen (127.0.0.1).');
        getToken = async () => createLocalAppToken();
      } else {
        const cert = sharePointCertificate(config);
        if (!cert)
          throw new Error(
            'Microsoft Graph läses app-only med certifikat: sätt ENTRA_TENANT_ID, SP_APP_CLIENT_ID och SP_APP_CERT_* (appregistreringen behöver AttackSimulation.Read.All).',
          );
        getToken = graphAppOnlyToken(cert);
      }
      return importAttackSim({
        sp: connection.writeSp,
        readCoverage: () => readTrainingCoverage({ graphBaseUrl: graph, getToken }),
        dryRun: values['dry-run'] === true,
      });
    },
    readable: (report) => readable(report, site),
    failed: { counts: ['skipped'], extra: { pages: 0, throttled: 0 }, row: { person: '', training: '', course: '' } },
  });
}
