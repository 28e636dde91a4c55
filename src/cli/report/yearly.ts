/** `npm run report -- yearly --year <yyyy> --site <url> --format docx|xlsx|json --out <file>`: Årlig återrapportering. */
import { runReportCommand } from './run.js';

export const main = (): Promise<number> => runReportCommand('yearly');
