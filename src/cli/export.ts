/**
 * npm run export -- register --site <url> --out <file.xlsx> [--auth local|interactive|certificate] [--as <upn>]
 *
 * The whole system register as .xlsx: every field of the schema under its Swedish title, labels
 * rather than stored values, people as "Namn <e-post>". Exit code 0 on success, 1 on failure,
 * 2 for wrong usage. The file can be imported back (npm run import) and then changes nothing.
 */
import { parseArgs } from 'node:util';
import { connectSite } from '../register-io/connect.js';
import { exportRegister } from '../register-io/export-register.js';

const usage = `Användning: npm run export -- register --site <webbadress> --out <fil.xlsx> [--auth local|interactive|certificate] [--as <upn>]

  register   exportera systemförteckningen till Excel
  --site     SharePoint-webbplatsen
  --out      filen som skrivs (.xlsx)
  --auth     local (standard för 127.0.0.1), interactive (enhetskod) eller certificate (app-only)
  --as       lokalt läge: vem som exporterar (standard admin@exempelkommun.se)`;

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        site: { type: 'string' },
        out: { type: 'string' },
        auth: { type: 'string' },
        as: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(usage);
    return 0;
  }
  if (positionals[0] !== 'register' || positionals.length > 1 || !values.site || !values.out) {
    console.error(usage);
    return 2;
  }
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

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
