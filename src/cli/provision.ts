import { parseArgs } from 'node:util';
import { provisionSite } from '../provisioning/provision.js';
import { siteSchema } from '../shared/schema/index.js';
import { connectSite } from './site-connection.js';

const usage = `Användning: npm run provision -- --site <webbadress> [--auth local|certificate|interactive] [--user <upn>]

  --site   SharePoint-webbplatsen, t.ex. https://kommun.sharepoint.com/sites/systemkoll
           eller den lokala http://127.0.0.1:4300/sites/systemkoll
  --auth   local (standard för 127.0.0.1), certificate (app-only, se README) eller
           interactive (enhetskod, för en administratör vid terminalen)
  --user   lokalt läge: vem som provisionerar (standard admin@exempelkommun.se)`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      site: { type: 'string' },
      auth: { type: 'string' },
      user: { type: 'string', default: 'admin@exempelkommun.se' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || !values.site) {
    console.log(usage);
    process.exit(values.help ? 0 : 2);
  }
  const { site, sp } = connectSite({ site: values.site, auth: values.auth, as: values.user }, (m) => console.log(m));
  console.log(`Provisionerar ${site} mot schemaversion ${siteSchema.version} …`);
  const result = await provisionSite(sp, { log: (line) => console.log(line) });
  console.log('');
  if (result.changes.length === 0) console.log('Klart: inget att ändra.');
  else
    console.log(
      `Klart: ${result.changes.length} ändringar (schemaversion ${result.schemaVersion.before ?? '–'} → ${result.schemaVersion.after}).`,
    );
  for (const n of result.notices) console.log(`Obs: ${n}`);
}

main().catch((error: unknown) => {
  console.error(`Provisioneringen misslyckades: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
