/** `npm run report -- term --from <yyyy> --to <yyyy> --site <url> --format docx|xlsx|json --out <file>`: Återrapportering vid mandatperiodens slut. */
import { runReportCommand } from './run.js';

export const main = (): Promise<number> => runReportCommand('term');
