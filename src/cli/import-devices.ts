/**
 * npm run import -- devices --site <url> --file <path> [--dry-run] [--json] [--auth …] [--as <upn>]
 *
 * The same contract as `completions`: with --json one JSON object
 * {"created","updated","unchanged","warnings","errors","rows":[{"row","device","holder","status","messages"}],"dryRun"};
 * exit code 0 without row errors, 1 with, 2 for wrong usage.
 */
import { fileImportCommand } from './import-report.js';
import { importDevices, type DeviceImportReport } from '../register-io/import-devices.js';

const usage = `Användning: npm run import -- devices --site <webbadress> --file <fil.xlsx|fil.csv> [--dry-run] [--json]
                          [--auth local|interactive|certificate] [--as <upn>]

  devices    importera enheter och abonnemang från en inventarieexport (Excel .xlsx eller CSV) med
             kolumnerna typ och identitet (serienummer, IMEI eller abonnemangsnummer), gärna
             benämning, modell, inköpsdatum, innehavare (e-post eller UPN), kostnad och status
  --site     SharePoint-webbplatsen
  --file     filen som ska importeras
  --dry-run  provkörning: rapport rad för rad, inget sparas
  --json     skriv ut rapporten som ett JSON-objekt
  --auth     local (standard för 127.0.0.1), interactive (enhetskod) eller certificate (app-only)
  --as       lokalt läge: vem som importerar (standard admin@exempelkommun.se)`;

function readable(report: DeviceImportReport, file: string, site: string): string {
  const statusSv = { created: 'ny', updated: 'ändrad', unchanged: 'oförändrad', error: 'fel' } as const;
  const lines = [`Import av enheter och abonnemang från ${file} till ${site}${report.dryRun ? ' – provkörning, inget sparas' : ''}`, ''];
  for (const r of report.rows) {
    lines.push(`Rad ${r.row}: ${r.device || '(identitet saknas)'}${r.holder ? ` – ${r.holder}` : ''} – ${statusSv[r.status]}`);
    for (const m of r.messages) lines.push(`    ${m}`);
  }
  lines.push('');
  const verb = report.dryRun ? 'skulle bli' : 'blev';
  lines.push(
    `Summa (${report.rows.length} rader): ${report.created} nya, ${report.updated} ändrade, ${report.unchanged} oförändrade ${verb} resultatet; ${report.errors} rader med fel.`,
  );
  if (report.dryRun && report.errors === 0) lines.push('Kör utan --dry-run för att spara.');
  return lines.join('\n');
}

export function importDevicesCommand(): Promise<number> {
  return fileImportCommand({ usage, command: 'devices', run: importDevices, readable, failed: { row: { device: '', holder: '' } } });
}
