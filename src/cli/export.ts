/**
 * npm run export -- register --site <url> --out <file.xlsx> [--auth local|interactive|certificate] [--as <upn>]
 *
 * The whole system register as .xlsx: every field of the schema under its Swedish title, labels
 * rather than stored values, people as "Namn <e-post>". Exit code 0 on success, 1 on failure,
 * 2 for wrong usage. The file can be imported back (npm run import) and then changes nothing.
 */
import { connectSite, parseRegisterCommand, runCommand } from './site-connection.js';
import { exportRegister } from '../register-io/export-register.js';

const usage = `Användning: npm run export -- register --site <webbadress> --out <fil.xlsx> [--auth local|interactive|certificate] [--as <upn>]

  register   exportera systemförteckningen till Excel
  --site     SharePoint-webbplatsen
  --out      filen som skrivs (.xlsx)
  --auth     local (standard för 127.0.0.1), interactive (enhetskod) eller certificate (app-only)
  --as       lokalt läge: vem som exporterar (standard admin@exempelkommun.se)`;

async function main(): Promise<number> {
  const parsed = parseRegisterCommand(usage, { out: { type: 'string' } }, ['out']);
  if ('exit' in parsed) return parsed.exit;
  const values = parsed.values as typeof parsed.values & { out: string };
  if (!values.out.toLowerCase().endsWith('.xlsx')) {
    console.error('--out ska vara en .xlsx-fil.');
    return 2;
  }
  try {
    const connection = connectSite({ site: values.site, auth: values.auth, as: values.as }, (m) => console.error(m));
    const count = await exportRegister(connection.sp, values.out);
    console.log(`Exporterade ${count} system till ${values.out}.`);
    return 0;
  } catch (error) {
    console.error(`Exporten misslyckades: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

runCommand(main);
